#pragma once
// One valid send before a run (before verify's suites, before load's time zero): a gateway that refuses the
// credentials or does not know the ids (401, 403, 404 to a request that keeps the contract) cannot be tested
// with these flags, and saying so first beats 83 failed cases or a load of refusals. Any other answer goes on
// to be judged by the run; a transport failure is the run's to classify.

#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "harness/target/target_spec.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace harness::load {

struct preflight_outcome {
    // Why the run cannot test the target with these flags, the hint first; nullopt when it can.
    std::optional<std::string> refusal;
    bool sent = false;     // false when the target names no project, conversation or token to send with
    bool answered = false; // the send got a complete HTTP response (any status)
    std::string failure;   // when it got none: "class: reason"
};

// The send's key comes from the run id (result::run_seed) like every other key of the run. Nothing is sent
// when the target names no project, conversation or token (a scenario whose steps name their own paths).
preflight_outcome preflight(const harness::target::target_spec& target, const contract::operation& operation,
                            const contract::profile& profile, std::uint64_t run_id);

// preflight(…).refusal
std::optional<std::string> preflight_refusal(const harness::target::target_spec& target,
                                             const contract::operation& operation,
                                             const contract::profile& profile, std::uint64_t run_id);

} // namespace harness::load
