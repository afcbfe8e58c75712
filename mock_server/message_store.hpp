#pragma once
// The messages the mock has stored: a ring of the last `capacity` messages (so a long load run keeps memory
// flat) and, per conversation, how many were ever stored (so exactly-once can be checked after eviction).

#include "fixtures.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace harness::mock {

// What add() copies in; views into the request and fixtures, so the caller allocates nothing.
struct new_message {
    std::string_view message_uuid;
    std::string_view project;
    std::string_view conversation;
    std::string_view caller;
    std::string_view item_uuid;
    std::optional<std::string_view> text;
    std::int64_t created_at_ms = 0;
};

struct stored_message {
    std::string message_uuid;
    std::string project;
    std::string conversation;
    std::string caller;
    std::string item_uuid;
    std::optional<std::string> text;
    std::int64_t created_at_ms = 0;
};

class message_store {
public:
    explicit message_store(std::size_t capacity);

    // Copies into the oldest slot, reusing its strings' capacity: after warm-up, adding allocates nothing.
    void add(const new_message& message);

    // Messages still held for `conversation`, newest last, at most `limit`.
    std::vector<stored_message> recent(std::string_view conversation, std::size_t limit) const;
    // Per conversation: how many were ever stored.
    std::vector<std::pair<std::string, std::uint64_t>> totals() const;
    std::uint64_t total(std::string_view conversation) const;
    std::size_t held() const;
    void clear();

private:
    mutable std::mutex mutex_;
    std::vector<stored_message> ring_;
    std::size_t capacity_;
    std::size_t next_ = 0;
    std::size_t held_ = 0;
    std::unordered_map<std::string, std::uint64_t, string_hash, std::equal_to<>> totals_;
};

} // namespace harness::mock
