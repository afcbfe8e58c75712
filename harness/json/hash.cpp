#include "hash.hpp"

#include "pointer.hpp"

#include <cstdio>
#include <string_view>

namespace harness::json {

namespace {

void mix(std::uint64_t& hash, std::string_view text) {
    for (char c : text) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    hash = (hash ^ 0xFFu) * 1099511628211ULL; // a separator, so ("ab","c") and ("a","bc") differ
}

void hash_into(std::uint64_t& hash, const boost::json::value& v) {
    const char kind = static_cast<char>('a' + static_cast<int>(v.kind()));
    mix(hash, std::string_view(&kind, 1));
    char text[32];
    switch (v.kind()) {
    case boost::json::kind::string:
        mix(hash, v.as_string());
        return;
    case boost::json::kind::object: {
        // Member order must not matter and nothing may be allocated (the load generator hashes replies on its
        // hot path): each member is hashed on its own and the member hashes are combined by a commutative
        // sum.
        std::uint64_t members = 0;
        for (const auto& member : v.as_object()) {
            std::uint64_t member_hash = 1469598103934665603ULL;
            mix(member_hash, member.key());
            hash_into(member_hash, member.value());
            members += member_hash * 0x9E3779B97F4A7C15ULL;
        }
        const auto count = static_cast<std::uint64_t>(v.as_object().size());
        mix(hash, std::string_view(reinterpret_cast<const char*>(&members), sizeof members));
        mix(hash, std::string_view(reinterpret_cast<const char*>(&count), sizeof count));
        return;
    }
    case boost::json::kind::array:
        for (const auto& item : v.as_array()) {
            hash_into(hash, item);
        }
        return;
    case boost::json::kind::int64:
        mix(hash,
            std::string_view(text, static_cast<std::size_t>(std::snprintf(
                                       text, sizeof text, "%lld", static_cast<long long>(v.as_int64())))));
        return;
    case boost::json::kind::uint64:
        mix(hash, std::string_view(
                      text, static_cast<std::size_t>(std::snprintf(
                                text, sizeof text, "%llu", static_cast<unsigned long long>(v.as_uint64())))));
        return;
    case boost::json::kind::double_:
        mix(hash, std::string_view(text, static_cast<std::size_t>(
                                             std::snprintf(text, sizeof text, "%.17g", v.as_double()))));
        return;
    case boost::json::kind::bool_:
        mix(hash, v.as_bool() ? "t" : "f");
        return;
    case boost::json::kind::null:
        return;
    }
}

} // namespace

std::uint64_t json_hash(const boost::json::value& value) {
    std::uint64_t hash = 1469598103934665603ULL;
    hash_into(hash, value);
    return hash;
}

std::uint64_t json_hash_at(const boost::json::value& root, const std::vector<std::string>& pointers) {
    static const boost::json::value absent; // null
    std::uint64_t hash = 1469598103934665603ULL;
    for (const std::string& pointer : pointers) {
        const boost::json::value* found = find_pointer(root, pointer);
        hash_into(hash, found != nullptr ? *found : absent);
    }
    return hash;
}

} // namespace harness::json
