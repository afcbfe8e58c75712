#include "dom_view.hpp"

#include <cstring>

namespace harness::json {

namespace {

// Checking an object for repeated keys compares every pair; beyond this many members the document goes to
// Boost.JSON instead (replies have a handful).
constexpr std::size_t most_members_checked = 64;

} // namespace

std::optional<dom_view> dom_view::item(std::size_t index) const noexcept {
    const simdjson::dom::array array = element_.get_array().value_unsafe();
    simdjson::dom::element found;
    if (array.at(index).get(found) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    return dom_view(found);
}

namespace {

// A scalar reads alike unless it is a fraction or exponent; a container is looked into.
bool value_reads_like_boost(simdjson::dom::element value) noexcept {
    const simdjson::dom::element_type type = value.type();
    if (type == simdjson::dom::element_type::DOUBLE) {
        return false;
    }
    return (type != simdjson::dom::element_type::ARRAY && type != simdjson::dom::element_type::OBJECT) ||
           reads_like_boost(value);
}

} // namespace

bool reads_like_boost(simdjson::dom::element root) noexcept {
    switch (root.type()) {
    case simdjson::dom::element_type::DOUBLE:
        return false;
    case simdjson::dom::element_type::ARRAY: {
        const simdjson::dom::array array = root.get_array().value_unsafe();
        for (const auto value : array) {
            if (!value_reads_like_boost(value)) {
                return false;
            }
        }
        return true;
    }
    case simdjson::dom::element_type::OBJECT: {
        const simdjson::dom::object object = root.get_object().value_unsafe();
        // Left uninitialised: only the first `count` are read (zeroing them all cost more than the check).
        const char* key_data[most_members_checked];
        std::size_t key_size[most_members_checked];
        std::size_t count = 0;
        for (const auto field : object) {
            if (count == most_members_checked) {
                return false;
            }
            for (std::size_t i = 0; i < count; ++i) {
                if (key_size[i] == field.key.size() &&
                    std::memcmp(key_data[i], field.key.data(), key_size[i]) == 0) {
                    return false;
                }
            }
            if (!value_reads_like_boost(field.value)) {
                return false;
            }
            key_data[count] = field.key.data();
            key_size[count++] = field.key.size();
        }
        return true;
    }
    default:
        return true;
    }
}

} // namespace harness::json
