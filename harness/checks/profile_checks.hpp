#pragma once
// The profile's rules as named checks over parsed replies: the failure a request deserves (status and
// error.code), fieldErrors naming each bad field, idempotent replay (same data, a new message, one data
// across concurrent copies), messages stored, never a server error for a valid request. Scenario, load and
// repro call these; none of them keeps rule text of its own (see rules.hpp).

#include "check_outcome.hpp"
#include "harness/contract/profile.hpp"
#include "parsed_reply.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace harness::checks {

// "status": the status is one of `allowed`; `rule` says where that list comes from.
check_outcome status_among(const parsed_reply& reply, const std::vector<int>& allowed, std::string rule);

// "status": the profile's status for `kind`; `why`, when given, says why the request deserves it.
check_outcome failure_status(const parsed_reply& reply, const contract::profile& profile,
                             contract::failure_kind kind, const std::string& why = {});

// "error_code": error.code is the profile's code for `kind` (call when the status is the failure's).
check_outcome failure_code(const parsed_reply& reply, const contract::profile& profile,
                           contract::failure_kind kind);

// "field_errors:FIELD": error.fieldErrors has an entry for `field`.
check_outcome field_error_named(const parsed_reply& reply, const std::string& field);

// "same_data": a resend's data equals the first reply's (`first` is nullptr when there was no first success).
check_outcome same_data_as(const parsed_reply& reply, const boost::json::value* first,
                           const std::string& first_step);

// What a reply answered, for comparing answers: its status, its success flag and its error.code.
std::string answer_summary(const parsed_reply& reply);

// "same_answer": the reply answers as an earlier step's reply did (status, success, error.code): the same
// request over HTTP/1.1 and HTTP/2 gets the same answer.
check_outcome same_answer_as(const parsed_reply& reply, const std::string* earlier,
                             const std::string& earlier_step);

// "new_message": the reply's data differs from an earlier reply's (another scope or no key: no replay).
check_outcome new_message(const parsed_reply& reply, const boost::json::value* earlier,
                          const std::string& earlier_step);

// "same_data_across_copies": every successful reply among copies of one request carries the same data.
check_outcome one_data_across_copies(const std::vector<parsed_reply>& replies);

// "idempotent_replay": every successful reply to resends of one request (one idempotencyKey) carries one
// message; `replay_names` labels each reply for people ("replay 3").
check_outcome one_message_for_key(const std::vector<parsed_reply>& replies,
                                  const std::string& idempotency_key,
                                  std::string (*replay_names)(const std::vector<int>& indexes));

// Why a step may store what it may: it sends new messages, replays one already sent, or is refused. The rule
// a failed "stored" check cites follows from it.
enum class store_expectation { new_messages, replay, refused };

// "stored": how many messages a step stored (after - before, from a store oracle) is what the profile allows.
check_outcome stored_messages(std::optional<std::uint64_t> before, std::optional<std::uint64_t> after,
                              std::uint64_t expected, const std::string& step, store_expectation why);

// "stored_exactly": on a step with no `stored:` of its own, what the store counted (after - before) is the
// number of messages the replies say were stored: one per messageUuid new to the run (message_ledger).
// Skipped when a reply is lost or names no messageUuid (what it stored cannot be known).
check_outcome stored_exactly(std::optional<std::uint64_t> before, std::optional<std::uint64_t> after,
                             std::uint64_t new_messages, bool countable, const std::string& step);

// "valid_request_status": a request that keeps the contract gets the success status or a refusal its token,
// project, conversation or idempotency key can earn (401, 403, 404, 409, 422 by the profile) — never another
// client error (400, 413, 415: the request was valid) nor a server error.
check_outcome valid_request_status(const parsed_reply& reply, const contract::profile& profile);

} // namespace harness::checks
