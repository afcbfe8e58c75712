#include "idempotency_store.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

namespace harness::mock {

// One shard: `slots_` is a ring in insertion order (oldest at `oldest_`), `index_` maps a key's hash to its
// slot by linear probing, with backward-shift deletion so no tombstones accumulate. The index is kept small
// (8-byte entries, filled up to about 0.8) because every new key probes it twice at random, once to look up
// and once to drop the evicted oldest key: all shards' indexes together must stay in a core's cache.
class idempotency_store::shard {
public:
    shard(std::size_t capacity, std::chrono::seconds ttl)
        : slots_(std::max<std::size_t>(1, capacity)), ttl_(ttl),
          index_(std::bit_ceil(std::max<std::size_t>(4, slots_.size() + slots_.size() / 4))),
          mask_(index_.size() - 1) {}

    std::mutex mutex;

    result find_or_store(std::size_t hash, std::string_view key, std::uint64_t fingerprint,
                         reply_producer produce) {
        const clock::time_point now = clock::now();
        expire(now);
        if (count_ == slots_.size()) {
            // A new key will evict the oldest: its index entry is fetched now, while the reply is produced,
            // rather than missed in the cache afterwards.
            __builtin_prefetch(&index_[slots_[oldest_].hash & mask_]);
        }
        const std::size_t found = find(hash, key);
        if (found != npos) {
            const slot& s = slots_[found];
            if (s.fingerprint != fingerprint) {
                return {outcome::conflict, {}};
            }
            return {outcome::replayed, std::string(s.reply())};
        }
        std::string reply = produce();
        if (reply.empty()) {
            return {outcome::first, {}};
        }
        if (count_ == slots_.size()) {
            evict_oldest(); // full: the oldest key goes first (documented in docs/mock.md)
        }
        const std::size_t position = (oldest_ + count_) % slots_.size();
        slot& s = slots_[position];
        s.hash = hash;
        s.assign(key, reply);
        s.fingerprint = fingerprint;
        s.stored_at = now;
        insert_index(hash, position);
        ++count_;
        return {outcome::first, std::move(reply)};
    }

    std::size_t size() const { return count_; }
    std::uint64_t evictions() const { return evictions_; }

    void clear() {
        std::fill(index_.begin(), index_.end(), index_entry{});
        count_ = 0;
        oldest_ = 0;
    }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    // A key and its reply side by side in the slot itself when they fit (a profile request's do): a new key
    // then writes the ring in order, which the processor prefetches, where a heap string each for key and
    // reply cost several scattered cache misses per request, most of a new key's time at a full store.
    struct slot {
        static constexpr std::size_t inline_bytes = 480;

        std::size_t hash = 0;
        std::uint64_t fingerprint = 0;
        clock::time_point stored_at;
        std::uint32_t key_size = 0;
        std::uint32_t reply_size = 0;
        bool spilled = false;
        std::string spill; // key and reply when they do not fit inline (capacity kept for the next)
        std::array<char, inline_bytes> text;

        void assign(std::string_view key, std::string_view reply) {
            key_size = static_cast<std::uint32_t>(key.size());
            reply_size = static_cast<std::uint32_t>(reply.size());
            spilled = key.size() + reply.size() > inline_bytes;
            char* out = text.data();
            if (spilled) {
                spill.resize(key.size() + reply.size());
                out = spill.data();
            }
            std::memcpy(out, key.data(), key.size());
            std::memcpy(out + key.size(), reply.data(), reply.size());
        }

        const char* data() const { return spilled ? spill.data() : text.data(); }
        std::string_view key() const { return {data(), key_size}; }
        std::string_view reply() const { return {data() + key_size, reply_size}; }
    };

    // The hash's low 32 bits (enough for the position, since an index never reaches 2^32 entries, and a
    // filter before the key comparison) and the slot.
    struct index_entry {
        std::uint32_t hash_low = 0;
        std::uint32_t slot_plus_one = 0; // 0: empty
    };

    static std::uint32_t low_bits(std::size_t hash) { return static_cast<std::uint32_t>(hash); }

    std::size_t find(std::size_t hash, std::string_view key) const {
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            const index_entry& e = index_[i];
            if (e.slot_plus_one == 0) {
                return npos;
            }
            if (e.hash_low == low_bits(hash) && slots_[e.slot_plus_one - 1].key() == key) {
                return e.slot_plus_one - 1;
            }
        }
    }

    void insert_index(std::size_t hash, std::size_t position) {
        std::size_t i = hash & mask_;
        while (index_[i].slot_plus_one != 0) {
            i = (i + 1) & mask_;
        }
        index_[i] = {low_bits(hash), static_cast<std::uint32_t>(position + 1)};
    }

    void erase_index(std::size_t hash, std::size_t position) {
        std::size_t i = hash & mask_;
        while (index_[i].slot_plus_one != position + 1) {
            i = (i + 1) & mask_;
        }
        // Backward-shift: pull later entries of the probe run into the hole so lookups never stop early.
        for (std::size_t j = (i + 1) & mask_; index_[j].slot_plus_one != 0; j = (j + 1) & mask_) {
            const std::size_t home = index_[j].hash_low & mask_;
            const bool movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                index_[i] = index_[j];
                i = j;
            }
        }
        index_[i] = {};
    }

    void evict_oldest() {
        const slot& s = slots_[oldest_];
        erase_index(s.hash, oldest_);
        oldest_ = (oldest_ + 1) % slots_.size();
        --count_;
        ++evictions_;
    }

    void expire(clock::time_point now) {
        while (count_ > 0 && now - slots_[oldest_].stored_at >= ttl_) {
            evict_oldest();
        }
    }

    std::vector<slot> slots_;
    std::chrono::seconds ttl_;
    std::vector<index_entry> index_;
    std::size_t mask_;
    std::size_t oldest_ = 0;
    std::size_t count_ = 0;
    std::uint64_t evictions_ = 0;
};

idempotency_store::idempotency_store(std::size_t capacity, std::chrono::seconds ttl,
                                     std::size_t shard_count) {
    shard_count = std::max<std::size_t>(1, std::min(shard_count, capacity));
    const std::size_t per_shard = std::max<std::size_t>(1, capacity / shard_count);
    for (std::size_t i = 0; i < shard_count; ++i) {
        shards_.push_back(std::make_unique<shard>(per_shard, ttl));
    }
}

idempotency_store::~idempotency_store() = default;

idempotency_store::result idempotency_store::find_or_store(std::string_view scoped_key,
                                                           std::uint64_t fingerprint,
                                                           reply_producer produce) {
    const std::size_t hash = std::hash<std::string_view>{}(scoped_key);
    // The high bits pick the shard, the low ones the index position: the two choices stay independent.
    shard& s = *shards_[(hash >> 40) % shards_.size()];
    std::lock_guard lock(s.mutex);
    return s.find_or_store(hash, scoped_key, fingerprint, produce);
}

std::size_t idempotency_store::size() const {
    std::size_t total = 0;
    for (const auto& s : shards_) {
        std::lock_guard lock(s->mutex);
        total += s->size();
    }
    return total;
}

std::uint64_t idempotency_store::evictions() const {
    std::uint64_t total = 0;
    for (const auto& s : shards_) {
        std::lock_guard lock(s->mutex);
        total += s->evictions();
    }
    return total;
}

void idempotency_store::clear() {
    for (auto& s : shards_) {
        std::lock_guard lock(s->mutex);
        s->clear();
    }
}

} // namespace harness::mock
