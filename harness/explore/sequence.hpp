#pragma once
// A sequence of requests to the operation, abstractly: which key, which payload, which caller and
// conversation, how the body is written, and how (if at all) the request is made to be refused. The explorer
// draws sequences at random (sequence_generator), the profile model predicts each step's reply
// (profile_model), sequence_case turns them into a scenario case the one runner sends, and the shrinker
// takes steps and values away while the case still fails. Keys and payload values are templates: a
// ${uuid:NAME} in them is one fresh UUID per case, so every run (and every shrink candidate) uses keys no
// earlier run used, while two equal templates are one key.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace harness::explore {

enum class op_kind {
    send,          // a valid send with the op's key (or none) and payload
    resend,        // the same request as the key's last valid send, written the same way
    reserialise,   // the same payload written otherwise (op.form): members reordered, spaces, \u escapes, …
    change,        // the key's scope again with another payload
    refused,       // a request carrying the key, refused for op.refusal: stores nothing, reserves nothing
    burst,         // op.copies concurrent copies of one request (one key)
    burst_distinct // op.copies concurrent valid sends, each with a key of its own
};
inline constexpr std::size_t op_kind_count = 7;
std::string_view to_string(op_kind kind);

// How a payload is written: none of these makes another payload (idempotency.payload_fields).
enum class body_form { plain, reordered, spaced, escaped, unknown_field, explicit_null };
inline constexpr std::size_t body_form_count = 6;
std::string_view to_string(body_form form);

// How a request carrying a key is made to be refused (profile rules 3-5, 400, 413, 415).
enum class refusal {
    validation,
    unauthenticated,
    forbidden,
    not_found,
    payload_too_large,
    unsupported_media
};
inline constexpr std::size_t refusal_count = 6;
std::string_view to_string(refusal r);

struct payload {
    std::optional<std::string> company = std::nullopt; // absent (nullopt) and null are the same payload
    std::string item;
    std::optional<std::string> text = std::nullopt;
    bool operator==(const payload&) const = default;
};

struct op {
    op_kind kind = op_kind::send;
    std::optional<std::size_t> key = std::nullopt; // index into sequence::keys; nullopt: no key
    std::size_t payload = 0;                       // index into sequence::payloads
    int caller = 0;                                // 0: the target's token; 1: the second caller's
    int conversation = 0;                          // 0: the target's conversation; 1: the second one
    body_form form = body_form::plain;
    refusal refused_for = refusal::validation;
    int copies = 1; // burst, burst_distinct
};

struct sequence {
    std::vector<std::string>
        keys; // templates; a variant of a key is another entry (the same string is a key)
    std::vector<payload> payloads;
    std::vector<op> ops;
};

// "send key 2 (payload 1, caller 2, conversation 2)", for the numbered list of a failing sequence.
std::string describe(const op& o, const sequence& s);

} // namespace harness::explore
