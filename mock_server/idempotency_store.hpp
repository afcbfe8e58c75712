#pragma once
// Remembers, per scoped idempotency key (project + conversation + caller + key), the payload's fingerprint and
// the reply that was sent, so a resend gets the same reply and stores nothing new.
//
// Exactly-once: the first request's reply is produced *inside* the key's shard lock, so a duplicate arriving at
// the same moment (any connection, any thread) waits for it and replays it; the mock therefore never needs to
// answer 409 for an in-flight duplicate. Shards keep unrelated keys from contending.
//
// Bounded: at most `capacity` keys (split evenly over the shards); the oldest key of a shard is evicted when it
// is full, and a key older than `ttl` is forgotten when next looked at or when it reaches the front of its
// shard's queue. A forgotten key is treated as new.

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace harness::mock {

class idempotency_store {
public:
    using clock = std::chrono::steady_clock;

    enum class outcome {
        first,    // new key: `produce` ran and its reply was stored
        replayed, // same key, same fingerprint: the stored reply
        conflict, // same key, another fingerprint: nothing stored, nothing produced
    };

    struct result {
        outcome kind;
        std::string reply; // the stored reply (first, replayed); empty for conflict
    };

    idempotency_store(std::size_t capacity, std::chrono::seconds ttl, std::size_t shard_count = 64);

    // `produce` is called at most once per key, under the key's shard lock, and returns the reply to store.
    // If it returns an empty string nothing is stored (e.g. the request failed): a resend is then processed anew.
    result find_or_store(std::string_view scoped_key, std::uint64_t fingerprint,
                         const std::function<std::string()>& produce);

    std::size_t size() const;
    std::uint64_t evictions() const;
    void clear();

private:
    struct entry {
        std::uint64_t fingerprint;
        std::string reply;
        clock::time_point stored_at;
    };

    struct shard {
        mutable std::mutex mutex;
        std::unordered_map<std::string, entry> entries;
        std::deque<std::string> order; // insertion order, oldest first
        std::uint64_t evictions = 0;
    };

    shard& shard_for(std::string_view key);
    void evict_expired(shard& s, clock::time_point now);

    std::size_t capacity_per_shard_;
    std::chrono::seconds ttl_;
    std::vector<std::unique_ptr<shard>> shards_;
};

} // namespace harness::mock
