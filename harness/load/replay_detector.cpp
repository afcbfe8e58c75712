#include "replay_detector.hpp"

#include <algorithm>
#include <bit>
#include <thread>

namespace harness::load {

namespace {

// FNV-1a, then a finaliser so neighbouring ids spread over the table; never 0 (0 marks an empty slot).
std::uint64_t hash_of(std::string_view text) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : text) {
        h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h == 0 ? 1 : h;
}

} // namespace

replay_detector::replay_detector(std::uint64_t expected_messages, std::uint64_t max_slots) {
    const std::uint64_t wanted =
        std::clamp<std::uint64_t>(2 * expected_messages, 1024, std::max<std::uint64_t>(1024, max_slots));
    const std::uint64_t size = std::bit_ceil(wanted);
    mask_ = size - 1;
    limit_ = size / 4 * 3;
    slots_ = std::make_unique<slot[]>(size);
}

std::string_view replay_detector::message_uuid_of(std::string_view body) noexcept {
    static constexpr std::string_view member = "\"messageUuid\"";
    std::size_t at = body.find(member);
    if (at == std::string_view::npos) {
        return {};
    }
    at += member.size();
    while (at < body.size() &&
           (body[at] == ' ' || body[at] == '\t' || body[at] == '\n' || body[at] == '\r' || body[at] == ':')) {
        ++at;
    }
    if (at >= body.size() || body[at] != '"') {
        return {};
    }
    const std::size_t end = body.find('"', at + 1);
    return end == std::string_view::npos ? std::string_view() : body.substr(at + 1, end - at - 1);
}

replay_detector::verdict replay_detector::check(std::string_view key, std::string_view body) noexcept {
    const std::string_view uuid = message_uuid_of(body);
    if (uuid.empty() || full_.load(std::memory_order_relaxed)) {
        return verdict::not_checked;
    }
    const std::uint64_t id = hash_of(uuid);
    const std::uint64_t key_hash = hash_of(key);
    for (std::uint64_t i = id & mask_;; i = (i + 1) & mask_) {
        slot& s = slots_[i];
        std::uint64_t seen = s.id.load(std::memory_order_acquire);
        if (seen == 0) {
            if (filled_.load(std::memory_order_relaxed) >= limit_) {
                full_.store(true, std::memory_order_relaxed);
                return verdict::not_checked;
            }
            if (s.id.compare_exchange_strong(seen, id, std::memory_order_acq_rel)) {
                s.key.store(key_hash, std::memory_order_release);
                filled_.fetch_add(1, std::memory_order_relaxed);
                checked_.fetch_add(1, std::memory_order_relaxed);
                return verdict::fresh;
            }
            // Another thread took the slot meanwhile: `seen` now holds its id.
        }
        if (seen == id) {
            std::uint64_t first = s.key.load(std::memory_order_acquire);
            while (first == 0) { // its writer is between the two stores
                std::this_thread::yield();
                first = s.key.load(std::memory_order_acquire);
            }
            checked_.fetch_add(1, std::memory_order_relaxed);
            return first == key_hash ? verdict::same_key : verdict::other_key;
        }
    }
}

} // namespace harness::load
