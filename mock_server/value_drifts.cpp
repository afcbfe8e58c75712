#include "value_drifts.hpp"

#include "harness/json/utf8_text.hpp"

#include <algorithm>
#include <cctype>

#include <boost/json/serialize.hpp>

namespace harness::mock {

namespace {

// Every 4-byte UTF-8 sequence (a code point above U+FFFF) as '?', as a 3-byte charset stores it.
std::string without_astral(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xF8U) == 0xF0U) {
            out += '?';
            i += 3;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string html_escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        out += c == '<'   ? "&lt;"
               : c == '>' ? "&gt;"
               : c == '&' ? "&amp;"
               : c == '"' ? "&quot;"
                          : std::string(1, c);
    }
    return out;
}

} // namespace

std::optional<std::string> drifted_text(std::string_view text, const fault_decision& faults) {
    const bool any = faults.has(drift_kind::text_column_255) || faults.has(drift_kind::astral_replaced) ||
                     faults.has(drift_kind::nul_dropped) || faults.has(drift_kind::markup_escaped);
    if (!any) {
        return std::nullopt;
    }
    std::string out(text);
    if (faults.has(drift_kind::nul_dropped)) {
        out.erase(std::remove(out.begin(), out.end(), '\0'), out.end());
    }
    if (faults.has(drift_kind::astral_replaced)) {
        out = without_astral(out);
    }
    if (faults.has(drift_kind::markup_escaped)) {
        out = html_escaped(out);
    }
    if (faults.has(drift_kind::text_column_255)) {
        out.resize(json::code_point_end(out, 255));
    }
    return out;
}

std::optional<std::string> drifted_item(std::string_view item, const fault_decision& faults) {
    if (!faults.has(drift_kind::astral_replaced)) {
        return std::nullopt;
    }
    return without_astral(item);
}

std::string_view compared_key(std::string_view key, const fault_decision& faults, std::string& folded) {
    if (faults.has(drift_kind::key_prefix_64)) {
        return key.substr(0, 64);
    }
    if (faults.has(drift_kind::key_case_folded)) {
        folded.assign(key);
        std::transform(folded.begin(), folded.end(), folded.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return folded;
    }
    return key;
}

std::optional<field_error> blank_text_error(const boost::json::object& body, const fault_decision& faults) {
    const boost::json::value* text = body.if_contains("text");
    if (!faults.has(drift_kind::blank_text_rejected) || text == nullptr || !text->is_string() ||
        std::string_view(text->as_string()).find_first_not_of(" \t\r\n") != std::string_view::npos) {
        return std::nullopt;
    }
    return field_error{"text", "must not be blank", boost::json::serialize(*text)};
}

bool refused_at_limit(std::size_t bytes, std::size_t limit, const fault_decision& faults) {
    return faults.has(drift_kind::body_limit_inclusive) && bytes >= limit;
}

} // namespace harness::mock
