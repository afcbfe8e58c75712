#include "fault_spec.hpp"

#include <charconv>
#include <stdexcept>

namespace harness::mock {

namespace {

struct drift_info {
    std::string_view name;
    std::string_view effect;
};

constexpr std::array<drift_info, drift_kind_count> drift_table = {{
    {"success_as_string", "\"success\" is the string \"true\"/\"false\" instead of a boolean"},
    {"error_id_missing", "error replies lack error.errorId"},
    {"code_null", "error.code is null"},
    {"timestamp_iso", "error.timestamp is ISO-8601 text instead of epoch milliseconds"},
    {"html_content_type", "replies are sent as Content-Type: text/html"},
    {"fresh_message_uuid_on_replay", "an idempotent replay carries a new messageUuid"},
    {"no_auth_required", "requests without a valid token are accepted"},
    {"store_on_replay", "an idempotent replay stores a second message"},
    {"reused_key_accepted", "the same idempotencyKey with another payload is accepted"},
    {"field_errors_missing", "validation failures carry no fieldErrors"},
    {"error_id_reused", "every error reply carries the same errorId"},
    {"data_missing", "success replies carry no data"},
    {"wrong_error_code", "error.code is \"ERROR\" whatever the failure"},
    {"timestamp_seconds", "error.timestamp is epoch seconds instead of milliseconds"},
    {"created_at_seconds", "data.createdAt is epoch seconds instead of milliseconds"},
    {"allow_missing", "405 replies lack the Allow header"},
    {"www_authenticate_missing", "401 replies lack the WWW-Authenticate header"},
    {"not_found_as_success", "an unknown project or conversation is answered 200 with success false"},
    {"not_found_wrong_code", "not-found replies carry error.code RESOURCE_MISSING instead of the profile's"},
    {"method_as_not_found", "another method on the route is answered 404 instead of 405"},
    {"first_field_error_only", "fieldErrors names only the first of several bad fields"},
    {"http2_answers_otherwise", "over HTTP/2, a validation failure is answered 422 instead of 400"},
    {"message_uuid_wraps",
     "messageUuid comes from a counter that wraps every 16 messages: new keys get old ids"},
    {"text_trimmed", "data.text comes back with leading and trailing whitespace trimmed (a sanitiser)"},
    {"created_at_skewed", "data.createdAt is three hours ahead (local time stored as if it were UTC)"},
    {"replay_restamps_created_at", "an idempotent replay carries the replay's time as createdAt"},
    {"double_write", "every new message is written to the store twice (a retried insert), answered once"},
    {"text_column_255",
     "data.text (and the stored text) is cut to its first 255 code points (a VARCHAR(255))"},
    {"astral_replaced", "code points above U+FFFF in text and itemUuid come back as '?' (MySQL utf8mb3)"},
    {"nul_dropped", "U+0000 is dropped from text (a store that cannot hold NUL)"},
    {"key_case_folded", "idempotency keys are compared case-insensitively (a case-insensitive collation)"},
    {"key_prefix_64", "idempotency keys are compared on their first 64 bytes only (a column width)"},
    {"body_limit_inclusive", "a body of exactly the size limit is refused with 413"},
    {"blank_text_rejected",
     "an empty or whitespace-only text is refused with 400 VALIDATION_ERROR (@NotBlank)"},
    {"markup_escaped", "<, >, & and \" in data.text come back HTML-escaped (a sanitiser)"},
    {"latin1_replaced", "code points above U+00FF in text come back as '?' (a latin1 column)"},
    {"nfc_composed", "a letter and its combining mark in text come back composed (NFC normalisation)"},
    {"bidi_stripped", "direction marks and overrides (LRM, RLM, RLO…) are dropped from text"},
    {"item_lower_cased", "itemUuid comes back lower-cased (a UUID normaliser)"},
    {"fingerprint_raw_body", "the same payload is the same body bytes: the payload written otherwise (member "
                             "order, spaces, escapes, an "
                             "unknown field) is refused as another"},
    {"key_scope_ignores_caller", "idempotency keys are scoped per project and conversation, not per caller"},
    {"refusal_reserves_key", "a request refused as invalid (400) still reserves its idempotencyKey"},
    {"in_flight_race", "the key is written only when the first request is done (50 ms): concurrent copies "
                       "each store a message"},
    {"message_uuid_from_clock",
     "messageUuid comes from the millisecond clock: messages stored in one ms share one"},
}};

constexpr std::array<std::string_view, 18> kind_names = {
    "latency", "stall",          "status",      "reset",         "truncate",
    "drip",    "malformed_json", "drift",       "garbage",       "broken_chunked",
    "hang",    "huge_body",      "liberal",     "overload_keys", "overload_token_cache",
    "goaway",  "stall_window",   "huge_headers"};

int parse_int(std::string_view text, std::string_view what, int min, int max) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
        throw std::invalid_argument(std::string(what) + " must be a whole number from " +
                                    std::to_string(min) + " to " + std::to_string(max) + ", got '" +
                                    std::string(text) + "'");
    }
    return value;
}

void parse_value(fault_rule& rule, std::string_view value) {
    switch (rule.kind) {
    case fault_kind::latency: {
        const std::size_t dash = value.find('-');
        rule.value_min = parse_int(value.substr(0, dash), "latency", 0, 3'600'000);
        rule.value_max = dash == std::string_view::npos
                             ? rule.value_min
                             : parse_int(value.substr(dash + 1), "latency", 0, 3'600'000);
        if (rule.value_max < rule.value_min) {
            throw std::invalid_argument("latency=MIN-MAX needs MIN <= MAX");
        }
        return;
    }
    case fault_kind::stall: {
        const std::size_t slash = value.find('/');
        if (slash == std::string_view::npos) {
            throw std::invalid_argument("stall needs DURATION/PERIOD in ms, e.g. stall=1000/5000");
        }
        rule.value_min = parse_int(value.substr(0, slash), "stall duration", 1, 3'600'000);
        rule.value_max = parse_int(value.substr(slash + 1), "stall period", 1, 3'600'000);
        if (rule.value_min >= rule.value_max) {
            throw std::invalid_argument("stall duration must be shorter than its period");
        }
        return;
    }
    case fault_kind::status:
        rule.value_min = parse_int(value, "status", 400, 599);
        return;
    case fault_kind::drip:
        rule.value_min = value.empty() ? 100 : parse_int(value, "drip interval", 1, 60'000);
        return;
    case fault_kind::drift: {
        auto drift = drift_kind_from_string(value);
        if (!drift) {
            std::string names;
            for (const auto& d : drift_table) {
                names += (names.empty() ? "" : ", ") + std::string(d.name);
            }
            throw std::invalid_argument("unknown drift '" + std::string(value) + "' (expected one of " +
                                        names + ")");
        }
        rule.drift = *drift;
        return;
    }
    case fault_kind::huge_body:
        rule.value_min = value.empty() ? 10 * 1024 * 1024 : parse_int(value, "huge_body bytes", 1, 1 << 30);
        return;
    case fault_kind::huge_headers:
        rule.value_min = value.empty() ? 100 * 1024 : parse_int(value, "huge_headers bytes", 1, 1 << 24);
        return;
    case fault_kind::overload_keys:
    case fault_kind::overload_token_cache:
        rule.value_min = parse_int(value, "the request rate", 1, 10'000'000);
        return;
    case fault_kind::reset:
    case fault_kind::goaway:
    case fault_kind::stall_window:
    case fault_kind::truncate:
    case fault_kind::malformed_json:
    case fault_kind::garbage:
    case fault_kind::broken_chunked:
    case fault_kind::hang:
    case fault_kind::liberal:
        if (!value.empty()) {
            throw std::invalid_argument(std::string(kind_names[static_cast<int>(rule.kind)]) +
                                        " takes no value");
        }
        return;
    }
}

} // namespace

std::string_view to_string(drift_kind kind) {
    return drift_table[static_cast<std::size_t>(kind)].name;
}

std::optional<drift_kind> drift_kind_from_string(std::string_view name) {
    for (std::size_t i = 0; i < drift_table.size(); ++i) {
        if (drift_table[i].name == name) {
            return static_cast<drift_kind>(i);
        }
    }
    return std::nullopt;
}

std::array<drift_kind, drift_kind_count> all_drift_kinds() {
    std::array<drift_kind, drift_kind_count> kinds{};
    for (std::size_t i = 0; i < drift_kind_count; ++i) {
        kinds[i] = static_cast<drift_kind>(i);
    }
    return kinds;
}

fault_rule parse_fault_spec(std::string_view spec) {
    fault_rule rule;
    std::size_t comma = spec.find(',');
    std::string_view head = spec.substr(0, comma);
    const std::size_t equals = head.find('=');
    const std::string_view kind = head.substr(0, equals);
    const std::string_view value =
        equals == std::string_view::npos ? std::string_view() : head.substr(equals + 1);
    bool known = false;
    for (std::size_t i = 0; i < kind_names.size(); ++i) {
        if (kind_names[i] == kind) {
            rule.kind = static_cast<fault_kind>(i);
            known = true;
        }
    }
    if (!known) {
        throw std::invalid_argument(
            "unknown fault '" + std::string(kind) +
            "' (expected latency, stall, status, reset, truncate, drip, malformed_json, "
            "drift, garbage, broken_chunked, hang, huge_body, liberal, overload_keys, overload_token_cache, "
            "goaway, stall_window, huge_headers)");
    }
    if (value.empty() &&
        (rule.kind == fault_kind::latency || rule.kind == fault_kind::stall ||
         rule.kind == fault_kind::status || rule.kind == fault_kind::drift ||
         rule.kind == fault_kind::overload_keys || rule.kind == fault_kind::overload_token_cache)) {
        throw std::invalid_argument(std::string(kind) + " needs a value, e.g. " +
                                    (rule.kind == fault_kind::latency         ? "latency=50"
                                     : rule.kind == fault_kind::stall         ? "stall=1000/5000"
                                     : rule.kind == fault_kind::status        ? "status=503"
                                     : rule.kind == fault_kind::drift         ? "drift=success_as_string"
                                     : rule.kind == fault_kind::overload_keys ? "overload_keys=300"
                                                                              : "overload_token_cache=300"));
    }
    parse_value(rule, value);
    while (comma != std::string_view::npos) {
        const std::size_t next = spec.find(',', comma + 1);
        const std::string_view option = spec.substr(comma + 1, next - comma - 1);
        comma = next;
        if (option.starts_with("p=")) {
            const std::string text(option.substr(2));
            char* end = nullptr;
            rule.probability = std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size() || rule.probability < 0 ||
                rule.probability > 1) {
                throw std::invalid_argument("p must be a probability from 0 to 1, got '" + text + "'");
            }
        } else if (option.starts_with("every=")) {
            rule.every = static_cast<std::uint64_t>(parse_int(option.substr(6), "every", 1, 1'000'000'000));
        } else {
            throw std::invalid_argument("unknown fault option '" + std::string(option) +
                                        "' (expected p=… or every=…)");
        }
    }
    return rule;
}

std::string fault_rule::to_string() const {
    std::string text(kind_names[static_cast<int>(kind)]);
    switch (kind) {
    case fault_kind::latency:
        text +=
            "=" + std::to_string(value_min) + (value_max != value_min ? "-" + std::to_string(value_max) : "");
        break;
    case fault_kind::stall:
        text += "=" + std::to_string(value_min) + "/" + std::to_string(value_max);
        break;
    case fault_kind::status:
    case fault_kind::drip:
    case fault_kind::huge_body:
    case fault_kind::huge_headers:
    case fault_kind::overload_keys:
    case fault_kind::overload_token_cache:
        text += "=" + std::to_string(value_min);
        break;
    case fault_kind::drift:
        text += "=" + std::string(harness::mock::to_string(drift));
        break;
    default:
        break;
    }
    if (every > 0) {
        text += ",every=" + std::to_string(every);
    } else if (probability < 1.0) {
        std::string p = std::to_string(probability);
        p.erase(p.find_last_not_of('0') + 1);
        text += ",p=" + p;
    }
    return text;
}

std::string describe_fault_kinds() {
    std::string text =
        "latency=MS | latency=MIN-MAX   extra latency before the reply\n"
        "stall=DURATION/PERIOD          every PERIOD ms, replies stall for DURATION ms\n"
        "status=CODE                    a conforming error envelope with that status (e.g. 500, 503)\n"
        "reset                          the connection is reset instead of replying\n"
        "truncate                       the body is cut in half, then the connection closed\n"
        "drip=MS                        the reply is sent one byte every MS ms\n"
        "malformed_json                 the body is not valid JSON\n"
        "garbage                        non-HTTP bytes instead of a reply, then the connection closed\n"
        "broken_chunked                 a chunked reply with a chunk size that is not hex, then closed\n"
        "hang                           the request is read and never answered\n"
        "huge_body=BYTES                a 200 reply with a body of BYTES bytes (default 10 MB)\n"
        "liberal                        not a fault: every liberty the profile allows (error: null on "
        "success,\n"
        "                               extra top-level and data fields, the caller's company in data "
        "when none\n"
        "                               was sent, application/json;charset=UTF-8, no rejectedValue,\n"
        "                               409 for a resend while the first, held 50 ms, is in flight)\n"
        "overload_keys=RATE             above RATE requests/s, the idempotency check stops reserving keys (a "
        "resend\n"
        "                               stores a second message with a new messageUuid): only under load\n"
        "overload_token_cache=RATE      above RATE requests/s, an unknown token passes as the last valid "
        "caller\n"
        "goaway                         the reply, then the server leaves the connection: HTTP/2 GOAWAY "
        "naming\n"
        "                               this stream the last (later streams are cancelled); HTTP/1.1 "
        "closes\n"
        "stall_window                   HTTP/2: the server never opens its flow-control window (SETTINGS_\n"
        "                               INITIAL_WINDOW_SIZE 0, no WINDOW_UPDATE): a request body beyond the\n"
        "                               first 64 KiB never arrives; HTTP/1.1 is not affected\n"
        "huge_headers=BYTES             the reply with extra headers of BYTES bytes in all (default 100 "
        "KiB):\n"
        "                               over HTTP/2 a header block beyond the 64 KiB the harness announces "
        "in\n"
        "                               SETTINGS_MAX_HEADER_LIST_SIZE (HPACK spreads it over CONTINUATION)\n";
    for (const auto& d : drift_table) {
        std::string name = "drift=" + std::string(d.name);
        name.resize(std::max<std::size_t>(name.size() + 1, 31), ' ');
        text += name + std::string(d.effect) + "\n";
    }
    text += "options: ,p=PROBABILITY (0..1) or ,every=N; without them every request\n";
    return text;
}

} // namespace harness::mock
