#pragma once
// One mapping of a document read member by member, each error naming the member's file:line and JSON pointer.
// Members are required unless read with a fallback: the `_or` readers take an absent (or null) member as the
// fallback, which is how a reader keeps reading files written before a format version added that member.

#include "document_reader.hpp"

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace harness::json {

class mapping_reader {
public:
    // Fails unless `v` is a mapping.
    mapping_reader(const document_reader& reader, const boost::json::value& v, std::string pointer);

    const document_reader& reader() const noexcept { return reader_; }
    const boost::json::object& object() const noexcept { return object_; }
    const std::string& pointer() const noexcept { return pointer_; }
    std::string pointer_of(std::string_view key) const;

    // The member, or nullptr when it is absent or null.
    const boost::json::value* find(std::string_view key) const noexcept;
    bool has(std::string_view key) const noexcept { return find(key) != nullptr; }

    // Required members: fail naming the key when absent, or the member's pointer when of the wrong kind.
    const boost::json::value& at(std::string_view key) const;
    mapping_reader mapping(std::string_view key) const;
    const boost::json::array& list(std::string_view key) const;
    std::string string(std::string_view key) const; // may be empty
    double number(std::string_view key) const;
    std::uint64_t count(std::string_view key) const;
    bool boolean(std::string_view key) const;

    // Optional members: `fallback` when absent or null, an error when of the wrong kind.
    std::string string_or(std::string_view key, std::string fallback = {}) const;
    double number_or(std::string_view key, double fallback) const;
    std::uint64_t count_or(std::string_view key, std::uint64_t fallback) const;
    bool boolean_or(std::string_view key, bool fallback) const;

    // At the member `key`, or at the mapping itself when `key` is empty.
    [[noreturn]] void fail(std::string_view key, const std::string& message) const;

private:
    const document_reader& reader_;
    const boost::json::object& object_;
    std::string pointer_;
};

} // namespace harness::json
