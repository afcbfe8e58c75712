#include "value_drifts.hpp"

#include "harness/json/utf8_text.hpp"

#include <algorithm>
#include <cctype>

#include <boost/json/serialize.hpp>

namespace harness::mock {

namespace {

// The bytes of the UTF-8 sequence `lead` starts (1 for a stray continuation byte).
std::size_t sequence_length(char lead) {
    const auto b = static_cast<unsigned char>(lead);
    return b < 0x80U ? 1 : (b & 0xE0U) == 0xC0U ? 2 : (b & 0xF0U) == 0xE0U ? 3 : (b & 0xF8U) == 0xF0U ? 4 : 1;
}

char32_t decoded(std::string_view bytes) {
    static constexpr unsigned lead_bits[] = {0, 0x7FU, 0x1FU, 0x0FU, 0x07U};
    char32_t code = static_cast<unsigned char>(bytes[0]) & lead_bits[bytes.size()];
    for (std::size_t i = 1; i < bytes.size(); ++i) {
        code = (code << 6) | (static_cast<unsigned char>(bytes[i]) & 0x3FU);
    }
    return code;
}

// `text` with each code point `replace` gives a replacement for replaced by it (kept when it gives none).
template <typename Replace>
std::string each_code_point(std::string_view text, Replace replace) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::string_view bytes = text.substr(i, sequence_length(text[i]));
        const std::optional<std::string_view> replacement = replace(decoded(bytes));
        out += replacement ? *replacement : bytes;
        i += bytes.size();
    }
    return out;
}

std::optional<std::string_view> html_entity(char32_t c) {
    return c == '<'   ? std::optional<std::string_view>("&lt;")
           : c == '>' ? std::optional<std::string_view>("&gt;")
           : c == '&' ? std::optional<std::string_view>("&amp;")
           : c == '"' ? std::optional<std::string_view>("&quot;")
                      : std::nullopt;
}

// LRM, RLM, the embeddings and overrides, the isolates: what a sanitiser of "invisible" characters drops.
bool bidi_control(char32_t c) {
    return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// A letter and its combining mark composed, as NFC does, for the common Latin letters.
std::string composed(std::string text) {
    static constexpr std::pair<std::string_view, std::string_view> pairs[] = {
        {"e\xCC\x81", "\xC3\xA9"}, {"e\xCC\x80", "\xC3\xA8"}, {"a\xCC\x88", "\xC3\xA4"},
        {"o\xCC\x88", "\xC3\xB6"}, {"u\xCC\x88", "\xC3\xBC"}, {"A\xCC\x8A", "\xC3\x85"}};
    for (const auto& [decomposed, precomposed] : pairs) {
        for (std::size_t at = text.find(decomposed); at != std::string::npos;
             at = text.find(decomposed, at)) {
            text.replace(at, decomposed.size(), precomposed);
        }
    }
    return text;
}

// JSON's whitespace (space, tab, line feed, carriage return) cut from both ends: the text_trimmed drift.
std::string_view trimmed(std::string_view text) {
    constexpr std::string_view whitespace = " \t\n\r";
    const std::size_t first = text.find_first_not_of(whitespace);
    return first == std::string_view::npos
               ? std::string_view()
               : text.substr(first, text.find_last_not_of(whitespace) - first + 1);
}

constexpr drift_kind text_drifts[] = {drift_kind::text_trimmed,    drift_kind::text_column_255,
                                      drift_kind::astral_replaced, drift_kind::nul_dropped,
                                      drift_kind::markup_escaped,  drift_kind::latin1_replaced,
                                      drift_kind::nfc_composed,    drift_kind::bidi_stripped};

} // namespace

std::optional<std::string> drifted_text(std::string_view text, const fault_decision& faults) {
    if (std::none_of(std::begin(text_drifts), std::end(text_drifts),
                     [&](drift_kind kind) { return faults.has(kind); })) {
        return std::nullopt;
    }
    const auto removed_or_replaced = [&](char32_t c) -> std::optional<std::string_view> {
        if ((faults.has(drift_kind::nul_dropped) && c == 0) ||
            (faults.has(drift_kind::bidi_stripped) && bidi_control(c))) {
            return "";
        }
        if ((faults.has(drift_kind::astral_replaced) && c > 0xFFFF) ||
            (faults.has(drift_kind::latin1_replaced) && c > 0xFF)) {
            return "?";
        }
        return faults.has(drift_kind::markup_escaped) ? html_entity(c) : std::nullopt;
    };
    std::string out =
        each_code_point(faults.has(drift_kind::text_trimmed) ? trimmed(text) : text, removed_or_replaced);
    if (faults.has(drift_kind::nfc_composed)) {
        out = composed(std::move(out));
    }
    if (faults.has(drift_kind::text_column_255)) {
        out.resize(json::code_point_end(out, 255));
    }
    return out;
}

std::optional<std::string> drifted_item(std::string_view item, const fault_decision& faults) {
    if (faults.has(drift_kind::astral_replaced)) {
        return each_code_point(item, [](char32_t c) {
            return c > 0xFFFF ? std::optional<std::string_view>("?") : std::nullopt;
        });
    }
    if (faults.has(drift_kind::item_lower_cased)) {
        std::string lower(item);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return lower;
    }
    return std::nullopt;
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
