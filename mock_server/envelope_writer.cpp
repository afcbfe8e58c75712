#include "envelope_writer.hpp"

#include "uuid_generator.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace harness::mock {

namespace {

void append_iso8601(std::string& out, std::int64_t ms) {
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    std::snprintf(text, sizeof text, "\"%04d-%02d-%02dT%02d:%02d:%02d.%03dZ\"", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(ms % 1000));
    out += text;
}

void append_success_flag(std::string& out, bool success, const fault_decision& faults) {
    if (faults.has(drift_kind::success_as_string)) {
        out += success ? "\"success\":\"true\"" : "\"success\":\"false\"";
    } else {
        out += success ? "\"success\":true" : "\"success\":false";
    }
}

// Whether any of a word's eight bytes needs an escape: below 0x20, '"' or '\\' (the has-less-than and
// has-zero-byte tests of eight bytes at once, which never miss such a byte).
bool word_needs_escape(std::uint64_t word) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    const auto has_zero_byte = [](std::uint64_t x) {
        return (x - ones) & ~x & highs;
    };
    const std::uint64_t below_space = (word - ones * 0x20) & ~word & highs;
    return (below_space | has_zero_byte(word ^ (ones * '"')) | has_zero_byte(word ^ (ones * '\\'))) != 0;
}

} // namespace

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    // Runs of characters that need no escape go in with one append, found with a table: byte by byte, the
    // echoed uuids and text cost about 2 800 instructions a reply.
    static constexpr auto needs_escape = [] {
        std::array<bool, 256> table{};
        for (std::size_t byte = 0; byte < 0x20; ++byte) {
            table[byte] = true;
        }
        table['"'] = true;
        table['\\'] = true;
        return table;
    }();
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        // Eight plain bytes at a time (uuids and ordinary text are all plain), then byte by byte.
        std::uint64_t word = 0;
        while (i + sizeof word <= text.size() &&
               (std::memcpy(&word, text.data() + i, sizeof word), !word_needs_escape(word))) {
            i += sizeof word;
        }
        if (i == text.size()) {
            break;
        }
        const char c = text[i];
        const auto byte = static_cast<unsigned char>(c);
        if (!needs_escape[byte]) {
            continue;
        }
        out.append(text, run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
    out.append(text, run, text.size() - run);
    out += '"';
}

std::int64_t epoch_ms_now() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string success_body(const message_data& data, const fault_decision& faults) {
    std::string body;
    body.reserve(256 + data.item_uuid.size() + (data.text ? data.text->size() : 0));
    body += '{';
    append_success_flag(body, true, faults);
    if (!faults.has(drift_kind::data_missing)) {
        body += ",\"data\":{\"messageUuid\":";
        append_json_string(body, data.message_uuid);
        body += ",\"conversationUuid\":";
        append_json_string(body, data.conversation_uuid);
        body += ",\"companyUuid\":";
        if (data.company_uuid) {
            append_json_string(body, *data.company_uuid);
        } else {
            body += "null";
        }
        body += ",\"itemUuid\":";
        append_json_string(body, data.item_uuid);
        body += ",\"text\":";
        if (data.text) {
            append_json_string(body, *data.text);
        } else {
            body += "null";
        }
        body += ",\"createdAt\":";
        body += std::to_string(faults.has(drift_kind::created_at_seconds) ? data.created_at_ms / 1000
                                                                          : data.created_at_ms);
        if (faults.liberal) {
            body += ",\"channel\":\"livechat\""; // data may carry more than the fields it echoes (rule 1)
        }
        body += '}';
    }
    if (faults.liberal) {
        // The profile allows error: null on success and fields the contract does not name.
        body += ",\"error\":null,\"traceId\":\"liberal-mock\"";
    }
    body += '}';
    return body;
}

std::string error_body(std::string_view code, std::string_view message,
                       const std::vector<field_error>& field_errors, std::int64_t now_ms,
                       const fault_decision& faults) {
    std::string body;
    body.reserve(256 + field_errors.size() * 96);
    body += '{';
    append_success_flag(body, false, faults);
    body += ",\"error\":{";
    if (!faults.has(drift_kind::error_id_missing)) {
        body += "\"errorId\":";
        if (faults.has(drift_kind::error_id_reused)) {
            body += "\"00000000-0000-4000-8000-000000000000\"";
        } else {
            append_json_string(body, view(make_uuid()));
        }
        body += ',';
    }
    body += "\"code\":";
    if (faults.has(drift_kind::code_null)) {
        body += "null";
    } else {
        append_json_string(body, faults.has(drift_kind::wrong_error_code) ? std::string_view("ERROR") : code);
    }
    body += ",\"message\":";
    append_json_string(body, message);
    body += ",\"timestamp\":";
    if (faults.has(drift_kind::timestamp_iso)) {
        append_iso8601(body, now_ms);
    } else if (faults.has(drift_kind::timestamp_seconds)) {
        body += std::to_string(now_ms / 1000);
    } else {
        body += std::to_string(now_ms);
    }
    if (!field_errors.empty() && !faults.has(drift_kind::field_errors_missing)) {
        body += ",\"fieldErrors\":[";
        const std::size_t listed = faults.has(drift_kind::first_field_error_only) ? 1 : field_errors.size();
        for (std::size_t i = 0; i < listed; ++i) {
            const field_error& f = field_errors[i];
            body += i ? ",{\"field\":" : "{\"field\":";
            append_json_string(body, f.field);
            body += ",\"message\":";
            append_json_string(body, f.message);
            if (!f.rejected_value_json.empty() && !faults.liberal) {
                body += ",\"rejectedValue\":";
                body += f.rejected_value_json;
            }
            body += '}';
        }
        body += ']';
    }
    body += faults.liberal ? "},\"traceId\":\"liberal-mock\"}" : "}}";
    return body;
}

} // namespace harness::mock
