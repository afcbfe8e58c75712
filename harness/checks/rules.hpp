#pragma once
// The rules checks cite, written once: each names the profile rule (shared/contract-profile.md numbers them)
// and the profile key a user changes to say their gateway behaves otherwise (contracts/profile.yaml).

#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"

#include <string>
#include <string_view>

namespace harness::checks::rules {

inline constexpr std::string_view success_flag =
    "profile rules 1-2 (success.status): success is true exactly for 2xx";
inline constexpr std::string_view failure_envelope =
    "profile rule 2 (failures): every failure has a conforming error";
inline constexpr std::string_view error_id_unique =
    "profile rule 2 (failures): errorId is unique per failure occurrence";
inline constexpr std::string_view field_errors_named =
    "profile rule 4 (failures.validation): fieldErrors names each bad field";
inline constexpr std::string_view replay_same_data = "profile rule 6 (idempotency.on_same_payload: replay): "
                                                     "a resend with the same key and payload gets the first "
                                                     "reply's data";
inline constexpr std::string_view key_scope = "profile rule 6 (idempotency.scope): keys are scoped per "
                                              "project, conversation and caller; no key, no replay";
inline constexpr std::string_view one_message_per_key =
    "profile rule 6 (idempotency.on_in_flight): exactly one message per key, the same data in every "
    "successful reply";
inline constexpr std::string_view one_stored_per_key =
    "profile rule 6 (idempotency): exactly one message is stored per idempotency key";
inline constexpr std::string_view new_key_new_message =
    "profile rule 6 (idempotency): a new idempotency key stores a new message, whose messageUuid no other "
    "key "
    "got";
inline constexpr std::string_view replay_stores_nothing =
    "profile rule 6 (idempotency.on_same_payload: replay): a resend with the same key and payload stores no "
    "second message";
inline constexpr std::string_view refused_stores_nothing =
    "profile rules 3-4 (auth, failures): a refused request stores nothing";
inline constexpr std::string_view epoch_millis =
    "profile rule 2 (time.epoch_millis): timestamps are epoch milliseconds, near the request's own time";
inline constexpr std::string_view several_field_errors =
    "profile rule 4 (failures.validation): fieldErrors names each bad field, not only the first";
inline constexpr std::string_view same_answer_over_protocols =
    "RFC 9113 section 8 (HTTP semantics): a request gets the same answer over HTTP/1.1 and HTTP/2";
inline constexpr std::string_view scenario_expectation = "scenario expectation";
inline constexpr std::string_view endpoint_answers = "the endpoint answers every request";
inline constexpr std::string_view latency_budget = "profile slo (p99_ms, requests, rate): the latency budget";
inline constexpr std::string_view success_status = "profile success.status";
inline constexpr std::string_view response_schema = "contract: responses";
inline constexpr std::string_view valid_send_stored =
    "profile rule 1 (success.status): a valid send is stored";
inline constexpr std::string_view echoed_field =
    "profile rule 1 (success.echoed_fields): data echoes each request field exactly as sent, code point for "
    "code point after JSON decoding; a field not sent is null or absent there, or for the company the "
    "caller's";
inline constexpr std::string_view message_uuid_unique =
    "profile rules 1 and 6 (success, idempotency.scope): a messageUuid is never handed out to two stored "
    "messages in the run; only a replay of one key (in its scope) carries it again";
inline constexpr std::string_view replay_created_at =
    "profile rules 1 and 6 (time.epoch_millis, idempotency.on_same_payload: replay): createdAt is the time "
    "of "
    "storing, so a replay carries the first send's";
inline constexpr std::string_view stored_exactly =
    "profile rules 1 and 6 (success, idempotency): the store's count moves by exactly the messages stored, "
    "one per new messageUuid the replies carry";
inline constexpr std::string_view sequence_model =
    "profile rule 6 (idempotency: scope, payload_fields, on_same_payload, on_different_payload, "
    "on_in_flight): "
    "each step of a sequence gets the reply the profile's model predicts";
inline constexpr std::string_view responses_are_json = "contract: responses are application/json";
inline constexpr std::string_view head_without_body =
    "RFC 9110 section 9.3.2: a reply to HEAD has no content";

// "profile rule 3 (failures.unauthenticated): unauthenticated -> 401"
std::string failure_status(const contract::profile& profile, contract::failure_kind kind);
// "profile rule 3 (failures.unauthenticated): unauthenticated -> error.code UNAUTHORIZED"
std::string failure_code(const contract::profile& profile, contract::failure_kind kind);
// "RFC 9110 (failures.method_not_allowed.headers): a method_not_allowed reply carries Allow"
std::string failure_header(contract::failure_kind kind, const std::string& header);
// "contract: responses of POST /v1/…": the reply's status is one the operation declares.
std::string responses_declared(const contract::operation& operation);
// "contract: responses/200 -> LiveChatOperatorMessageGatewayResponseDTO": the reply's body keeps its schema.
std::string response_schema_of(const std::string& status, const std::string& schema_name);
// A request that keeps the contract gets the success status or a refusal for its access or key (rule 7).
std::string valid_request_status(const contract::profile& profile);

} // namespace harness::checks::rules
