#include "load_timeline.hpp"

namespace harness::result {

namespace {

constexpr std::array<std::string_view, failure_class_count> names = {
    "connect", "tls",          "timeout",        "reset",    "protocol", "too_large", "stream_reset",
    "goaway",  "flow_control", "settings_limit", "too_late", "status",   "violation"};

} // namespace

std::string_view to_string(failure_class c) {
    return names[static_cast<std::size_t>(c)];
}

std::optional<failure_class> failure_class_from_string(std::string_view name) {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) {
            return static_cast<failure_class>(i);
        }
    }
    return std::nullopt;
}

std::string_view failure_class_words(failure_class c) {
    switch (c) {
    case failure_class::status:
        return "another status";
    case failure_class::violation:
        return "a reply broke a rule";
    default:
        return to_string(c);
    }
}

} // namespace harness::result
