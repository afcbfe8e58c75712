#include "media_type.hpp"

namespace harness::json {

namespace {

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && is_space(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_space(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `s` equals `lower_case` (already lower case) whatever the case of `s`.
bool iequals(std::string_view s, std::string_view lower_case) noexcept {
    if (s.size() != lower_case.size()) {
        return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (lower(s[i]) != lower_case[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

bool is_json_media_type(std::string_view content_type) noexcept {
    const std::string_view type = trim(content_type.substr(0, content_type.find(';')));
    const std::size_t slash = type.find('/');
    if (slash == std::string_view::npos || !iequals(type.substr(0, slash), "application")) {
        return false;
    }
    const std::string_view subtype = type.substr(slash + 1);
    constexpr std::string_view suffix = "+json";
    // "+json" alone names no subtype: not a media type at all.
    return iequals(subtype, "json") || (subtype.size() > suffix.size() &&
                                        iequals(subtype.substr(subtype.size() - suffix.size()), suffix));
}

} // namespace harness::json
