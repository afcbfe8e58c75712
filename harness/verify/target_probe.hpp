#pragma once
// One exchange with the target before any case: an unreachable target, a refused certificate or a target that
// will not speak the HTTP asked for is a run that cannot test it (not a failed check); otherwise the
// protocol it speaks, for every output.

#include "harness/target/target_spec.hpp"

#include <optional>
#include <string>

namespace harness::verify {

struct probe_result {
    std::optional<std::string> refused; // why the target cannot be tested, in words a user can act on
    std::string protocol;               // "HTTP/1.1" or "HTTP/2" when it answered
    bool answered = false;              // the probe got a complete HTTP response (any status)
    std::string failure;                // when it got none: "class: reason"
};

probe_result probe_target(const harness::target::target_spec& target);

// Whether the target speaks HTTP/2 when asked (h2 by ALPN over https, h2c over http): "" when it does, why
// not otherwise. For the cases that compare the two protocols.
std::string http2_refusal(const harness::target::target_spec& target);

} // namespace harness::verify
