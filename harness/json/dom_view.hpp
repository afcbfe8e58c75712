#pragma once
// A read-only view of a value parsed by simdjson's DOM parser, with boost_view's interface, so that the
// compiled schema's walker and the reply judge run over either parse. simdjson parses a reply about three
// times faster than Boost.JSON builds one; the load generator judges every reply over it.
//
// The two parsers read some documents differently: simdjson keeps every duplicate key where Boost.JSON keeps
// the last, and the two may round a decimal fraction to neighbouring doubles. reads_like_boost() finds such a
// document; its callers judge it over Boost.JSON instead, so a verdict never depends on the parser.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <simdjson.h>
#include <string_view>

#include <boost/json/kind.hpp>

namespace harness::json {

class dom_view {
public:
    // The walker asks a value's kind once per keyword: it is read from the tape once, here.
    explicit dom_view(simdjson::dom::element element) noexcept : element_(element), kind_(kind_of(element)) {}

    boost::json::kind kind() const noexcept { return kind_; }
    // Each getter's kind() is the caller's to check first.
    bool get_bool() const noexcept { return scalar<bool>(); }
    std::int64_t get_int64() const noexcept { return scalar<std::int64_t>(); }
    std::uint64_t get_uint64() const noexcept { return scalar<std::uint64_t>(); }
    double get_double() const noexcept { return scalar<double>(); }
    std::string_view get_string() const noexcept { return scalar<std::string_view>(); }

    std::size_t size() const noexcept {
        if (kind_ == boost::json::kind::object) {
            const simdjson::dom::object object = element_.get_object().value_unsafe();
            return object.size();
        }
        const simdjson::dom::array array = element_.get_array().value_unsafe();
        return array.size();
    }
    // The first member named `key`: reads_like_boost() has ruled duplicates out.
    std::optional<dom_view> member(std::string_view key) const noexcept {
        const simdjson::dom::object object = element_.get_object().value_unsafe();
        for (const auto field : object) {
            if (field.key == key) {
                return dom_view(field.value);
            }
        }
        return std::nullopt;
    }
    std::optional<dom_view> item(std::size_t index) const noexcept;
    template <class Visit>
    bool each_member(Visit&& visit) const {
        const simdjson::dom::object object = element_.get_object().value_unsafe();
        for (const auto field : object) {
            if (!visit(field.key, dom_view(field.value))) {
                return false;
            }
        }
        return true;
    }
    template <class Visit>
    bool each_item(Visit&& visit) const {
        std::size_t index = 0;
        const simdjson::dom::array array = element_.get_array().value_unsafe();
        for (const auto value : array) {
            if (!visit(index++, dom_view(value))) {
                return false;
            }
        }
        return true;
    }

private:
    template <class T>
    T scalar() const noexcept {
        T value{};
        return element_.get(value) == simdjson::SUCCESS ? value : T{};
    }

    static boost::json::kind kind_of(simdjson::dom::element element) noexcept {
        switch (element.type()) {
        case simdjson::dom::element_type::ARRAY:
            return boost::json::kind::array;
        case simdjson::dom::element_type::OBJECT:
            return boost::json::kind::object;
        case simdjson::dom::element_type::INT64:
            return boost::json::kind::int64;
        case simdjson::dom::element_type::UINT64:
            return boost::json::kind::uint64;
        case simdjson::dom::element_type::DOUBLE:
            return boost::json::kind::double_;
        case simdjson::dom::element_type::STRING:
            return boost::json::kind::string;
        case simdjson::dom::element_type::BOOL:
            return boost::json::kind::bool_;
        case simdjson::dom::element_type::NULL_VALUE:
            break;
        }
        return boost::json::kind::null;
    }

    simdjson::dom::element element_;
    boost::json::kind kind_;
};

// Whether Boost.JSON reads `root` as the same value (then judging it through dom_view gives the verdict
// judging Boost.JSON's parse gives): no object repeats a key, no number is a fraction or exponent (the two
// parsers may round those apart; integers they read alike), and no object is too large to check for
// repeats cheaply (more than 64 members).
bool reads_like_boost(simdjson::dom::element root) noexcept;

} // namespace harness::json
