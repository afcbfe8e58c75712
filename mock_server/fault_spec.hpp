#pragma once
// Fault injection rules, as written on the command line (`--fault SPEC`) or sent to /__admin/faults:
//
//   KIND[=VALUE][,p=PROBABILITY][,every=N]
//
// KIND and VALUE:
//   latency=MS | latency=MIN-MAX   extra latency before the reply (fixed, or uniform in [MIN, MAX])
//   stall=DURATION/PERIOD          every PERIOD ms the server stalls for DURATION ms (replies wait it out)
//   status=CODE                    the reply becomes a conforming error envelope with that status (e.g. 500,
//   503) reset                          the connection is reset instead of replying truncate the body is cut
//   in half and the connection closed drip=MS                        the reply is sent one byte every MS ms
//   (default 100) malformed_json                 the body is not valid JSON garbage non-HTTP bytes instead of
//   a reply, then the connection is closed broken_chunked                 a chunked reply whose chunk size is
//   not hexadecimal, then closed hang                           the request is read and never answered (the
//   connection stays open) huge_body=BYTES                a 200 reply with a body of BYTES bytes (default 10
//   MB) drift=NAME                     contract drift: the reply breaks one rule of the contract
//   liberal                        not a fault: every liberty the profile allows (docs/mock.md)
//   overload_keys=RATE             above RATE requests/s, the idempotency check stops reserving keys
//   overload_token_cache=RATE      above RATE requests/s, an unknown token passes as the last valid caller
//   (fault_spec.cpp lists
//                                  the names; `harness mock --list-faults` prints them)
// With neither p nor every the fault applies to every request.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace harness::mock {

enum class fault_kind {
    latency,
    stall,
    status,
    reset,
    truncate,
    drip,
    malformed_json,
    drift,
    garbage,
    broken_chunked,
    hang,
    huge_body,
    liberal,
    overload_keys,
    overload_token_cache,
    goaway,
    stall_window, // HTTP/2: the connection's window for request bodies is 0 (set when the connection opens)
    huge_headers // the reply carries a header block of about N bytes (HTTP/2: beyond a client's 64 KiB limit)
};

enum class drift_kind : std::uint8_t {
    success_as_string,            // "success": "true" instead of a boolean
    error_id_missing,             // error replies without error.errorId
    code_null,                    // error.code is null
    timestamp_iso,                // error.timestamp as ISO-8601 text, not epoch millis
    html_content_type,            // Content-Type: text/html
    fresh_message_uuid_on_replay, // an idempotent replay carries a new messageUuid
    no_auth_required,             // requests without (or with a bad) token are accepted
    store_on_replay,              // an idempotent replay stores a second message
    reused_key_accepted,          // same key + other payload is accepted (200) instead of refused
    field_errors_missing,         // validation failures without fieldErrors
    error_id_reused,              // every error reply carries the same errorId
    data_missing,                 // success replies without data
    wrong_error_code,             // error.code is "ERROR" whatever the failure
    timestamp_seconds,            // error.timestamp in epoch seconds, not milliseconds
    created_at_seconds,           // data.createdAt in epoch seconds, not milliseconds
    allow_missing,                // 405 replies without the Allow header
    www_authenticate_missing,     // 401 replies without the WWW-Authenticate header
    not_found_as_success,         // an unknown project or conversation is answered 200 with success false
    not_found_wrong_code,         // not-found replies carry another error.code than the profile's
    method_as_not_found,          // another method on the route is answered 404 instead of 405
    first_field_error_only,       // fieldErrors names only the first of several bad fields
    http2_answers_otherwise, // over HTTP/2, a validation failure is answered 422 instead of the profile's
    message_uuid_wraps,      // messageUuid from a counter that wraps every 16 messages: ids given twice
    text_trimmed, // data.text (and the stored text) with leading and trailing whitespace trimmed: a sanitiser
    created_at_skewed,          // data.createdAt three hours ahead: local time stored as if it were UTC
    replay_restamps_created_at, // a replay carries the time of the replay as createdAt, not the first's
    double_write,               // every new message is written to the store twice, answered once
    // Storage that does not keep every valid value (mock_server/value_drifts):
    text_column_255,      // text cut to its first 255 code points (a VARCHAR(255) column)
    astral_replaced,      // code points above U+FFFF in text and itemUuid replaced by '?' (MySQL utf8mb3)
    nul_dropped,          // U+0000 removed from text
    key_case_folded,      // idempotency keys compared case-insensitively (a case-insensitive collation)
    key_prefix_64,        // idempotency keys compared on their first 64 bytes only (a column width)
    body_limit_inclusive, // a body of exactly the size limit refused with 413
    blank_text_rejected,  // an empty or whitespace-only text refused with 400 (a @NotBlank validator)
    markup_escaped,       // <, >, & and " in text HTML-escaped (a sanitiser)
    latin1_replaced,      // code points above U+00FF in text replaced by '?' (a latin1 column)
    nfc_composed,         // a letter and its combining mark in text composed (NFC normalisation)
    bidi_stripped,        // direction marks and overrides removed from text (an "invisible character" filter)
    item_lower_cased,     // itemUuid lower-cased (a UUID normaliser)
    // Sequences the explore suite finds (issue 27):
    fingerprint_raw_body, // "the same payload" is the same body bytes: a payload written otherwise conflicts
    key_scope_ignores_caller, // keys are scoped per project and conversation only: another caller's key
                              // replays
    refusal_reserves_key, // a request refused as invalid writes its key: a later valid one with it is a 422
    in_flight_race,       // the key is written when the first request is done: concurrent copies each store
    message_uuid_from_clock, // messageUuid from the millisecond clock: messages stored in one ms share one
};
inline constexpr std::size_t drift_kind_count = 44;

std::string_view to_string(drift_kind kind);
std::optional<drift_kind> drift_kind_from_string(std::string_view name);

struct fault_rule {
    fault_kind kind = fault_kind::latency;
    int value_min = 0; // latency min, stall duration, status code, drip interval, huge body bytes
    int value_max = 0; // latency max, stall period
    drift_kind drift = drift_kind::success_as_string;
    double probability = 1.0; // used when every == 0
    std::uint64_t every = 0;  // every Nth request when > 0

    std::string to_string() const; // back in SPEC form
};

// Throws std::invalid_argument with a message saying what is wrong and what is expected.
fault_rule parse_fault_spec(std::string_view spec);

// Every KIND and drift NAME, one per line with what it does, for --list-faults.
std::string describe_fault_kinds();

// All drift names, so tests can go through every one.
std::array<drift_kind, drift_kind_count> all_drift_kinds();

} // namespace harness::mock
