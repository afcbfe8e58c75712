#pragma once
// Typed reading of a YAML/JSON document with errors that name file, line and JSON pointer. Shared by every
// reader of the project's own formats (profile, fixtures, scenarios, target files, HAR captures, verify and
// load results), so they all fail the same clear way. mapping_reader reads one mapping member by member.

#include "source_document.hpp"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace harness::json {

class document_reader {
public:
    explicit document_reader(const source_document& doc) : doc_(doc) {}

    const source_document& document() const noexcept { return doc_; }

    const boost::json::object& mapping(const boost::json::value& v, const std::string& pointer) const;
    const boost::json::value& member(const boost::json::object& o, const std::string& pointer,
                                     std::string_view key) const;
    // Strings; numbers and booleans are accepted as their text when `allow_scalars` (header values, ids).
    std::string string(const boost::json::value& v, const std::string& pointer, bool allow_empty = false,
                       bool allow_scalars = false) const;
    std::vector<std::string> strings(const boost::json::value& v, const std::string& pointer) const;
    std::int64_t integer(const boost::json::value& v, const std::string& pointer, std::int64_t min,
                         std::int64_t max) const;
    bool boolean(const boost::json::value& v, const std::string& pointer) const;
    double number(const boost::json::value& v, const std::string& pointer) const;
    // A count: a number from 0 to 2^53 (what a double holds exactly), rounded to a whole one, since results
    // may carry counts written as 500.0.
    std::uint64_t count(const boost::json::value& v, const std::string& pointer) const;
    const boost::json::array& list(const boost::json::value& v, const std::string& pointer) const;
    // Fails on the first key of `o` that is not in `allowed`, listing the allowed ones.
    void only_keys(const boost::json::object& o, const std::string& pointer,
                   std::initializer_list<std::string_view> allowed) const;

    [[noreturn]] void fail(const std::string& pointer, const std::string& message) const;

private:
    const source_document& doc_;
};

} // namespace harness::json
