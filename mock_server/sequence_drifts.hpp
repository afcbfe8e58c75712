#pragma once
// The drifts of an idempotency store that breaks a sequence of requests rather than one reply: a payload
// fingerprint over the body's bytes, keys not scoped per caller, a replay stamped anew, message ids from a
// counter or the clock. The explore suite's sequences (and the idempotency suite) show each failing; without
// these drifts every function here does what the profile says.

#include "fault_injector.hpp"
#include "harness/contract/profile.hpp"
#include "uuid_generator.hpp"

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace harness::mock {

// "The same payload" (profile rule 6, idempotency.payload_fields): the values at those fields, however the
// body is written; with fingerprint_raw_body, the body's bytes.
std::uint64_t payload_fingerprint(const boost::json::value& body, std::string_view raw,
                                  const contract::profile& profile, const fault_decision& faults);

// The key in its scope (idempotency.scope) into `out`, which is reused so nothing is allocated once warm;
// with key_scope_ignores_caller, the caller is left out.
void scoped_key(const contract::profile& profile, const fault_decision& faults, std::string_view project,
                std::string_view conversation, std::string_view caller, std::string_view key,
                std::string& out);

// A new message's id: random, or with message_uuid_wraps from `message_number` wrapping every 16, or with
// message_uuid_from_clock from the millisecond clock.
uuid_text new_message_uuid(const fault_decision& faults, std::uint64_t message_number);

// replay_restamps_created_at: the first reply with the replay's time as data.createdAt (a later millisecond
// than the first's, so the drift always shows). Only with the drift, so it may allocate.
std::string restamped(const std::string& first_reply);

} // namespace harness::mock
