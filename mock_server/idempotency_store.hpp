#pragma once
// Remembers, per scoped idempotency key (project + conversation + caller + key), the payload's fingerprint
// and the reply that was sent, so a resend gets the same reply and stores nothing new.
//
// Exactly-once: the first request's reply is produced *inside* the key's shard lock, so a duplicate arriving
// at the same moment (any connection, any thread) waits for it and replays it; the mock therefore never needs
// to answer 409 for an in-flight duplicate. Shards keep unrelated keys from contending.
//
// Bounded: each shard is a ring of capacity/shards slots in insertion order plus an open-addressing index.
// When a shard is full the oldest key is evicted (its slot is reused, strings keep their capacity, so a
// steady store allocates nothing); a key older than `ttl` is evicted when the ring reaches it. An evicted key
// is new again.

#include <chrono>
#include <concepts>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace harness::mock {

// A borrowed callable that returns the reply to store, for the length of one call: std::function would copy
// the handler's capture (four references) to the heap on every request.
class reply_producer {
public:
    template <typename F>
    requires(!std::same_as<std::remove_cvref_t<F>, reply_producer> && std::is_invocable_r_v<std::string, F&>)
        reply_producer(F&& f)
    noexcept // NOLINT(google-explicit-constructor): lambdas convert at the call
        : callable_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
          call_([](void* callable) -> std::string {
              return (*static_cast<std::remove_reference_t<F>*>(callable))();
          }) {}

    std::string operator()() const { return call_(callable_); }

private:
    void* callable_;
    std::string (*call_)(void*);
};

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

    idempotency_store(std::size_t capacity, std::chrono::seconds ttl, std::size_t shard_count = 1);
    ~idempotency_store();

    // `produce` is called at most once per key, under the key's shard lock, and returns the reply to store.
    // If it returns an empty string nothing is stored (e.g. the request failed): a resend is then processed
    // anew.
    result find_or_store(std::string_view scoped_key, std::uint64_t fingerprint, reply_producer produce);

    std::size_t size() const;
    std::uint64_t evictions() const;
    void clear();

private:
    class shard;
    std::vector<std::unique_ptr<shard>> shards_;
};

} // namespace harness::mock
