#include "path_template.hpp"

#include "harness/json/document_error.hpp"
#include "harness/json/hex_digit.hpp"

#include <algorithm>

namespace harness::contract {

namespace {

std::vector<std::string_view> split_segments(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) {
            slash = path.size();
        }
        parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;
}

bool is_unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

} // namespace

std::optional<std::string> percent_decode(std::string_view text) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            decoded += text[i];
            continue;
        }
        if (i + 2 >= text.size()) {
            return std::nullopt;
        }
        const int high = json::hex_digit_value(text[i + 1]);
        const int low = json::hex_digit_value(text[i + 2]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        decoded += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return decoded;
}

std::string percent_encode_segment(std::string_view text) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string encoded;
    for (char c : text) {
        if (is_unreserved(c)) {
            encoded += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            encoded += '%';
            encoded += digits[byte >> 4];
            encoded += digits[byte & 0xF];
        }
    }
    return encoded;
}

path_template::path_template(std::string text) : text_(std::move(text)) {
    if (text_.empty() || text_.front() != '/') {
        throw json::document_error({}, "path template '" + text_ + "' must start with '/'");
    }
    for (std::string_view part : split_segments(text_)) {
        const bool opens = part.find('{') != std::string_view::npos;
        const bool closes = part.find('}') != std::string_view::npos;
        if (!opens && !closes) {
            segments_.push_back({std::string(part), false});
            continue;
        }
        // Only whole-segment parameters are used by this gateway; "a{b}c" would need a regex and is refused.
        if (part.size() < 3 || part.front() != '{' || part.back() != '}' ||
            part.substr(1, part.size() - 2).find_first_of("{}") != std::string_view::npos) {
            throw json::document_error({}, "path template '" + text_ + "': segment '" + std::string(part) +
                                               "' must be a literal or a whole {parameter}");
        }
        segments_.push_back({std::string(part.substr(1, part.size() - 2)), true});
    }
}

std::vector<std::string> path_template::parameter_names() const {
    std::vector<std::string> names;
    for (const segment& s : segments_) {
        if (s.is_parameter) {
            names.push_back(s.text);
        }
    }
    return names;
}

std::optional<std::vector<path_parameter_value>> path_template::match(std::string_view path) const {
    if (path.empty() || path.front() != '/') {
        return std::nullopt;
    }
    const std::vector<std::string_view> parts = split_segments(path);
    if (parts.size() != segments_.size()) {
        return std::nullopt;
    }
    std::vector<path_parameter_value> values;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const segment& expected = segments_[i];
        if (!expected.is_parameter) {
            if (parts[i] != expected.text) {
                return std::nullopt;
            }
            continue;
        }
        std::optional<std::string> decoded = percent_decode(parts[i]);
        if (parts[i].empty() || !decoded || decoded->empty()) {
            return std::nullopt;
        }
        values.push_back({expected.text, std::move(*decoded)});
    }
    return values;
}

std::string path_template::expand(const std::vector<path_parameter_value>& values) const {
    std::string path;
    for (const segment& s : segments_) {
        path += '/';
        if (!s.is_parameter) {
            path += s.text;
            continue;
        }
        auto it = std::find_if(values.begin(), values.end(),
                               [&](const path_parameter_value& v) { return v.name == s.text; });
        path += it != values.end() ? percent_encode_segment(it->value) : "{" + s.text + "}";
    }
    return path;
}

} // namespace harness::contract
