#pragma once
// What the reply judge asks of a parsed reply through a view (boost_view, dom_view): the value at a JSON
// pointer split into tokens, and whether a value equals one Boost.JSON holds as Boost.JSON's operator==
// says, so that the judge gives one verdict over either parse.

#include "boost_view.hpp"

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace harness::json {

// The value the pointer split into `tokens` (split_pointer) names, as find_pointer resolves it.
template <class View>
std::optional<View> find_tokens(View root, const std::vector<std::string>& tokens) noexcept {
    std::optional<View> current = root;
    for (const std::string& token : tokens) {
        if (!current) {
            break;
        }
        if (current->kind() == boost::json::kind::object) {
            current = current->member(token);
        } else if (current->kind() == boost::json::kind::array) {
            std::size_t index = 0;
            const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
            const bool canonical = !token.empty() && ec == std::errc() &&
                                   end == token.data() + token.size() &&
                                   (token.size() == 1 || token.front() != '0');
            current = canonical ? current->item(index) : std::nullopt;
        } else {
            current = std::nullopt;
        }
    }
    return current;
}

// Boost.JSON's value equality: integers equal across int64 and uint64, a double only another double.
template <class A, class B>
bool equal_as_boost(A a, B b) noexcept {
    using boost::json::kind;
    const auto integer = [](kind k) {
        return k == kind::int64 || k == kind::uint64;
    };
    if (integer(a.kind()) && integer(b.kind())) {
        if (a.kind() == b.kind()) {
            return a.kind() == kind::int64 ? a.get_int64() == b.get_int64()
                                           : a.get_uint64() == b.get_uint64();
        }
        const std::int64_t signed_value = a.kind() == kind::int64 ? a.get_int64() : b.get_int64();
        const std::uint64_t unsigned_value = a.kind() == kind::uint64 ? a.get_uint64() : b.get_uint64();
        return signed_value >= 0 && static_cast<std::uint64_t>(signed_value) == unsigned_value;
    }
    if (a.kind() != b.kind()) {
        return false;
    }
    switch (a.kind()) {
    case kind::null:
        return true;
    case kind::bool_:
        return a.get_bool() == b.get_bool();
    case kind::double_:
        return a.get_double() == b.get_double();
    case kind::string:
        return a.get_string() == b.get_string();
    case kind::array:
        return a.size() == b.size() && a.each_item([&b](std::size_t index, auto item) {
            const auto other = b.item(index);
            return other && equal_as_boost(item, *other);
        });
    case kind::object:
        return a.size() == b.size() && a.each_member([&b](std::string_view key, auto member) {
            const auto other = b.member(key);
            return other && equal_as_boost(member, *other);
        });
    default:
        return false;
    }
}

} // namespace harness::json
