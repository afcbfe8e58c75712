#pragma once
// A read-only view of a parsed Boost.JSON value with the small interface the compiled schema's walker and the
// reply judge read values through (dom_view.hpp has the same interface over simdjson's DOM). Writing that
// code once over either parse keeps the fast path and the reference judging by the same rules.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

namespace harness::json {

class boost_view {
public:
    explicit boost_view(const boost::json::value& value) noexcept : value_(&value) {}

    boost::json::kind kind() const noexcept { return value_->kind(); }
    bool get_bool() const noexcept { return value_->get_bool(); }
    std::int64_t get_int64() const noexcept { return value_->get_int64(); }
    std::uint64_t get_uint64() const noexcept { return value_->get_uint64(); }
    double get_double() const noexcept { return value_->get_double(); }
    std::string_view get_string() const noexcept { return value_->get_string(); }
    const boost::json::value& value() const noexcept { return *value_; }

    // Members of an object or items of an array.
    std::size_t size() const noexcept {
        return value_->is_object() ? value_->get_object().size() : value_->get_array().size();
    }
    std::optional<boost_view> member(std::string_view key) const noexcept {
        const boost::json::value* found = value_->get_object().if_contains(key);
        return found != nullptr ? std::optional<boost_view>(boost_view(*found)) : std::nullopt;
    }
    std::optional<boost_view> item(std::size_t index) const noexcept {
        const auto& array = value_->get_array();
        return index < array.size() ? std::optional<boost_view>(boost_view(array[index])) : std::nullopt;
    }
    // Calls visit(key, member) in order until it returns false; false when it stopped early.
    template <class Visit>
    bool each_member(Visit&& visit) const {
        for (const auto& member : value_->get_object()) {
            if (!visit(std::string_view(member.key()), boost_view(member.value()))) {
                return false;
            }
        }
        return true;
    }
    // Calls visit(index, item) in order until it returns false; false when it stopped early.
    template <class Visit>
    bool each_item(Visit&& visit) const {
        const auto& array = value_->get_array();
        for (std::size_t i = 0; i < array.size(); ++i) {
            if (!visit(i, boost_view(array[i]))) {
                return false;
            }
        }
        return true;
    }

private:
    const boost::json::value* value_;
};

} // namespace harness::json
