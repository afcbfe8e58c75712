#include "document_reader.hpp"

#include "document_error.hpp"
#include "pointer.hpp"
#include "utf8_text.hpp"

#include <algorithm>
#include <cmath>

#include <boost/json/serialize.hpp>

namespace harness::json {

namespace {

// A value as it is written, cut short: enough to recognise it in a message, never a whole histogram.
std::string shown(const boost::json::value& v) {
    return cut_utf8(boost::json::serialize(v), 60);
}

} // namespace

const boost::json::object& document_reader::mapping(const boost::json::value& v,
                                                    const std::string& pointer) const {
    if (!v.is_object()) {
        fail(pointer, "expected a mapping");
    }
    return v.as_object();
}

const boost::json::value& document_reader::member(const boost::json::object& o, const std::string& pointer,
                                                  std::string_view key) const {
    const boost::json::value* v = o.if_contains(key);
    if (v == nullptr) {
        fail(pointer, "missing '" + std::string(key) + "'");
    }
    return *v;
}

std::string document_reader::string(const boost::json::value& v, const std::string& pointer, bool allow_empty,
                                    bool allow_scalars) const {
    if (v.is_string() && (allow_empty || !v.as_string().empty())) {
        return std::string(v.as_string());
    }
    if (allow_scalars && (v.is_int64() || v.is_bool())) {
        return boost::json::serialize(v);
    }
    fail(pointer, allow_empty ? "expected a string" : "expected a non-empty string");
}

std::vector<std::string> document_reader::strings(const boost::json::value& v,
                                                  const std::string& pointer) const {
    if (!v.is_array()) {
        fail(pointer, "expected a list of strings");
    }
    std::vector<std::string> list;
    for (std::size_t i = 0; i < v.as_array().size(); ++i) {
        list.push_back(string(v.as_array()[i], append_pointer(pointer, i)));
    }
    return list;
}

std::int64_t document_reader::integer(const boost::json::value& v, const std::string& pointer,
                                      std::int64_t min, std::int64_t max) const {
    if (!v.is_int64() || v.as_int64() < min || v.as_int64() > max) {
        fail(pointer, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return v.as_int64();
}

bool document_reader::boolean(const boost::json::value& v, const std::string& pointer) const {
    if (!v.is_bool()) {
        fail(pointer, "expected true or false");
    }
    return v.as_bool();
}

double document_reader::number(const boost::json::value& v, const std::string& pointer) const {
    if (!v.is_number()) {
        fail(pointer, "expected a number, got " + shown(v));
    }
    return v.to_number<double>();
}

std::uint64_t document_reader::count(const boost::json::value& v, const std::string& pointer) const {
    constexpr double largest_exact = 9007199254740992.0; // 2^53
    const double n = v.is_number() ? v.to_number<double>() : -1;
    if (!(n >= 0 && n <= largest_exact)) {
        fail(pointer, "expected a count (a whole number of 0 or more), got " + shown(v));
    }
    return static_cast<std::uint64_t>(std::llround(n));
}

const boost::json::array& document_reader::list(const boost::json::value& v,
                                                const std::string& pointer) const {
    if (!v.is_array()) {
        fail(pointer, "expected a list, got " + shown(v));
    }
    return v.as_array();
}

void document_reader::only_keys(const boost::json::object& o, const std::string& pointer,
                                std::initializer_list<std::string_view> allowed) const {
    for (const auto& member : o) {
        if (std::find(allowed.begin(), allowed.end(), std::string_view(member.key())) == allowed.end()) {
            std::string names;
            for (std::string_view a : allowed) {
                names += (names.empty() ? "" : ", ") + std::string(a);
            }
            fail(append_pointer(pointer, member.key()),
                 "unknown key '" + std::string(member.key()) + "' (expected one of: " + names + ")");
        }
    }
}

void document_reader::fail(const std::string& pointer, const std::string& message) const {
    throw document_error(doc_.locate(pointer), message);
}

} // namespace harness::json
