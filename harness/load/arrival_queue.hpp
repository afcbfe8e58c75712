#pragma once
// The scheduling half of an open-loop load thread: its share of the absolute arrival schedule (arrivals
// `thread`, `thread + threads`, …, each at time zero + schedule.time_of(i)) and the due slots that no
// connection has taken yet, oldest first, in a ring sized once. A due slot waits for a free connection at
// most `max_lag`; after that it is handed back as too late, so every arrival is either sent or counted, never
// lost.

#include "arrival_schedule.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace harness::load {

class arrival_queue {
public:
    using clock = std::chrono::steady_clock;

    arrival_queue(const arrival_schedule& schedule, int thread, int threads, clock::time_point time_zero,
                  double max_lag_seconds);

    // When this thread's next arrival is due; nullopt when its share of the schedule is exhausted.
    std::optional<clock::time_point> next_arrival() const;

    // Moves every arrival due by `now` into the queue. `too_late(due)` is called for each slot that had to
    // leave the queue unsent: pushed out when the ring is full (it is the oldest, so certainly late) or older
    // than max_lag at `now`.
    template <typename TooLate>
    void collect(clock::time_point now, TooLate&& too_late) {
        while (true) {
            const auto due = next_arrival();
            if (!due || *due > now) {
                break;
            }
            if (size_ == ring_.size()) {
                too_late(pop());
            }
            ring_[(head_ + size_) % ring_.size()] = *due;
            ++size_;
            ++next_;
        }
        drop_late(now, too_late);
    }

    template <typename TooLate>
    void drop_late(clock::time_point now, TooLate&& too_late) {
        while (size_ > 0 && now - ring_[head_] > max_lag_) {
            too_late(pop());
        }
    }

    bool empty() const noexcept { return size_ == 0; }
    std::size_t size() const noexcept { return size_; }
    // The oldest due slot's intended time; the queue must not be empty.
    clock::time_point pop() noexcept;

private:
    const arrival_schedule& schedule_;
    std::uint64_t thread_;
    std::uint64_t threads_;
    clock::time_point time_zero_;
    clock::duration max_lag_;
    std::uint64_t next_ = 0; // this thread's next arrival, counted within its share
    std::vector<clock::time_point> ring_;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

} // namespace harness::load
