#pragma once
// New sends that come back as replays (issue 25, row 1): a reply to a new idempotency key whose messageUuid
// was already given in this run for another key — the gateway's idempotency cache or id generator mixed two
// messages up, so one of them was lost. Every load thread checks its new sends' 2xx replies against one table
// shared by the run: open addressing over 64-bit hashes, sized once before time zero, lock-free, nothing
// allocated per reply. When it is more than 3/4 full the check stops, and says after how many replies.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

namespace harness::load {

class replay_detector {
public:
    // Room for `expected_messages` ids (rounded up to a power of two, at twice that), at most `max_slots`.
    explicit replay_detector(std::uint64_t expected_messages, std::uint64_t max_slots = 1ULL << 22);

    enum class verdict { fresh, same_key, other_key, not_checked };

    // The reply `body` to a send with idempotency key `key` (or any id unique to the send): fresh when its
    // messageUuid is new, same_key when this key had it already, other_key when another key had it (a
    // replay), not_checked when the body names no messageUuid or the table is full. Thread-safe.
    verdict check(std::string_view key, std::string_view body) noexcept;

    // The messageUuid a reply names (the value of its first "messageUuid" member), "" when none: a scan, not
    // a parse, so it costs a search through the body and allocates nothing.
    static std::string_view message_uuid_of(std::string_view body) noexcept;

    // Replies checked before the table filled (all of them when it never did), and whether it did.
    std::uint64_t checked() const noexcept { return checked_.load(std::memory_order_relaxed); }
    bool full() const noexcept { return full_.load(std::memory_order_relaxed); }

private:
    struct slot {
        std::atomic<std::uint64_t> id{0};  // hash of the messageUuid; 0: empty
        std::atomic<std::uint64_t> key{0}; // hash of the key that first had it; 0 while being written
    };

    std::uint64_t mask_;
    std::uint64_t limit_; // how many may be filled before the check stops
    std::unique_ptr<slot[]> slots_;
    std::atomic<std::uint64_t> filled_{0};
    std::atomic<std::uint64_t> checked_{0};
    std::atomic<bool> full_{false};
};

} // namespace harness::load
