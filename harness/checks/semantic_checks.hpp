#pragma once
// Rules no JSON Schema can say, checked on every reply: fields the profile names as epoch milliseconds hold
// milliseconds near the request's own time (not seconds, not ISO text), and a failure of a kind the profile
// gives headers for carries them (Allow on 405 listing the contract's method, WWW-Authenticate on 401).
// Scenario, load and repro call check_semantics on each reply, as they call check_response.

#include "check_outcome.hpp"
#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "parsed_reply.hpp"

#include <cstdint>
#include <string>

namespace harness::checks {

// "epoch_millis:POINTER": the value at `pointer` is an integer of epoch milliseconds within `tolerance_s` of
// [sent_ms, sent_ms + the exchange's duration]; with sent_ms 0 only its magnitude is judged. Absent: no
// outcome (the caller skips it), so `present` says whether there was anything to judge.
check_outcome epoch_millis_field(const parsed_reply& reply, const std::string& pointer,
                                 std::int64_t tolerance_s, bool& present);

// "header:NAME": the reply carries header `name`; for Allow, its list includes `method`.
check_outcome failure_header(const parsed_reply& reply, contract::failure_kind kind, const std::string& name,
                             const std::string& method);

// Appends every semantic check that applies to `reply`.
void check_semantics(const parsed_reply& reply, const contract::profile& profile,
                     const contract::operation& operation, check_outcomes& out);

} // namespace harness::checks
