#pragma once
// The behaviour profile: what the harness assumes of the gateway where the manifest is silent (status codes
// and error codes per failure kind, authentication scheme, body limit, idempotency rules). The defaults live
// in contracts/profile.yaml (bundled into the binary); a user file overrides any part of them.
// docs/profile.md documents the format.

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace harness::contract {

enum class failure_kind {
    validation,
    unauthenticated,
    forbidden,
    not_found,
    method_not_allowed,
    idempotency_in_progress,
    payload_too_large,
    unsupported_media_type,
    idempotency_key_reused,
    internal,
};
inline constexpr std::size_t failure_kind_count = 10;

std::string_view to_string(failure_kind kind);
std::optional<failure_kind> failure_kind_from_string(std::string_view name);

struct failure_reply {
    int status = 0;
    std::string code;                 // error.code in the envelope
    std::vector<std::string> headers; // headers a reply of this kind must carry (Allow on 405, …)
};

// Rules about time no JSON Schema can say: these fields hold epoch milliseconds near the request's own time.
struct time_rules {
    std::vector<std::string> epoch_millis; // JSON pointers into reply bodies
    std::int64_t tolerance_seconds = 0; // how far from the request's time (clock skew, replays) they may lie
};

// The latency budget verify's `latency` suite holds the target to: an open-loop burst of `requests` valid
// sends at `rate` per second whose p99 must stay within `p99_ms`. Absent: no latency suite.
struct latency_budget {
    double p99_ms = 0;
    int requests = 0;
    double rate = 0;
};

enum class scope_part { project, conversation, caller };
std::string_view to_string(scope_part part);

struct idempotency_rules {
    // JSON pointer to the key in the request body, e.g. "/idempotencyKey". "The same key" is the same string,
    // compared exactly (case included) at any length.
    std::string key_pointer;
    // "The same payload" (rule 6): the same JSON values at these request pointers, an absent field equal to
    // null; member order, whitespace, string escapes and fields not listed (unknown ones) make no difference.
    std::vector<std::string> payload_fields;
    std::vector<scope_part> scope; // what the key is kept apart by
    failure_kind on_different_payload = failure_kind::idempotency_key_reused;
    failure_kind on_in_flight = failure_kind::idempotency_in_progress;
    std::int64_t expiry_seconds = 0;
    std::size_t capacity = 0;
};

struct profile {
    std::string name;
    std::string source; // file it came from, with "(built-in)" for the bundled one
    int success_status = 0;
    std::string auth_scheme; // lower case, e.g. "bearer"
    std::string auth_header;
    // A request field naming the caller's company: any company but the token's is forbidden ("" = none).
    std::string company_pointer;
    // Request fields `data` echoes (rule 1), as JSON pointers into the request; a reply carries each at /data
    // followed by the pointer, equal to what was sent (code point for code point after JSON decoding). One
    // not sent is null or left out, but for company_pointer's field, where the caller's company may stand.
    std::vector<std::string> echoed_fields;
    std::array<failure_reply, failure_kind_count> failures{};
    std::size_t max_body_bytes = 0;
    idempotency_rules idempotency;
    time_rules time;
    std::optional<latency_budget> slo;

    const failure_reply& failure(failure_kind kind) const { return failures[static_cast<std::size_t>(kind)]; }

    // The bundled defaults.
    static profile builtin();
    // The defaults with `text` laid over them. Throws json::document_error (file:line: pointer: message).
    static profile parse(std::string_view text, std::string name);
    static profile load(const std::filesystem::path& path);
};

} // namespace harness::contract
