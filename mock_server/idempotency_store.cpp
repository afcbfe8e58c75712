#include "idempotency_store.hpp"

#include <algorithm>

namespace harness::mock {

idempotency_store::idempotency_store(std::size_t capacity, std::chrono::seconds ttl, std::size_t shard_count)
    : capacity_per_shard_(1), ttl_(ttl) {
    shard_count = std::max<std::size_t>(1, std::min(shard_count, capacity));
    capacity_per_shard_ = std::max<std::size_t>(1, capacity / shard_count);
    for (std::size_t i = 0; i < shard_count; ++i) {
        shards_.push_back(std::make_unique<shard>());
    }
}

idempotency_store::shard& idempotency_store::shard_for(std::string_view key) {
    return *shards_[std::hash<std::string_view>{}(key) % shards_.size()];
}

void idempotency_store::evict_expired(shard& s, clock::time_point now) {
    while (!s.order.empty()) {
        auto it = s.entries.find(s.order.front());
        if (it != s.entries.end() && now - it->second.stored_at < ttl_) {
            return;
        }
        if (it != s.entries.end()) {
            s.entries.erase(it);
            ++s.evictions;
        }
        s.order.pop_front();
    }
}

idempotency_store::result idempotency_store::find_or_store(std::string_view scoped_key, std::uint64_t fingerprint,
                                                           const std::function<std::string()>& produce) {
    shard& s = shard_for(scoped_key);
    std::lock_guard lock(s.mutex);
    const clock::time_point now = clock::now();
    evict_expired(s, now);
    const std::string key(scoped_key);
    auto it = s.entries.find(key);
    if (it != s.entries.end()) {
        if (it->second.fingerprint != fingerprint) {
            return {outcome::conflict, {}};
        }
        return {outcome::replayed, it->second.reply};
    }
    std::string reply = produce();
    if (reply.empty()) {
        return {outcome::first, {}};
    }
    if (s.entries.size() >= capacity_per_shard_) {
        // Full: the oldest key goes first (documented in docs/mock.md).
        s.entries.erase(s.order.front());
        s.order.pop_front();
        ++s.evictions;
    }
    s.entries.emplace(key, entry{fingerprint, reply, now});
    s.order.push_back(key);
    return {outcome::first, std::move(reply)};
}

std::size_t idempotency_store::size() const {
    std::size_t total = 0;
    for (const auto& s : shards_) {
        std::lock_guard lock(s->mutex);
        total += s->entries.size();
    }
    return total;
}

std::uint64_t idempotency_store::evictions() const {
    std::uint64_t total = 0;
    for (const auto& s : shards_) {
        std::lock_guard lock(s->mutex);
        total += s->evictions;
    }
    return total;
}

void idempotency_store::clear() {
    for (auto& s : shards_) {
        std::lock_guard lock(s->mutex);
        s->entries.clear();
        s->order.clear();
    }
}

} // namespace harness::mock
