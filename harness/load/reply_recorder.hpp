#pragma once
// The measuring half of a load thread (wrk2's split: the worker decides when to send, the recorder keeps what
// happened). Every slot the worker is given ends here exactly once — warmup, too late, failed by class, or
// answered with its latency from the intended send time — into this thread's own harness::result::load_stats,
// its per-second interval (handed to the interval_log when the second is over), the live metrics and the
// progress counters. Nothing here allocates per reply; crossing into a new second hands the interval over (a
// few allocations per second, not per request).

#include "harness/hdr/histogram.hpp"
#include "harness/result/load_stats.hpp"
#include "harness/result/progress_snapshot.hpp"
#include "interval_log.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <vector>

namespace harness::load {

class live_metrics;

class reply_recorder {
public:
    using clock = std::chrono::steady_clock;

    // Replies with another status than the one each is given count as errors in the timeline.
    reply_recorder(int thread, interval_log& intervals, live_metrics* metrics);

    // The run's time zero: seconds of the timeline count from here.
    void start(clock::time_point time_zero) noexcept { time_zero_ = time_zero; }

    void warmup() noexcept { ++stats_.warmup; }
    void too_late() noexcept;
    // `reason` (the transport's words) is kept for the first failure only: copied once, not per request.
    void failed(harness::result::request_fate fate, const std::string& reason, int kind = -1);
    // `expected`: the status the request deserves (the plan's, or its kind's in a mix); `kind`: its index
    // into stats().kinds, -1 without a mix.
    void answered(int status, int expected, int kind, clock::time_point intended, clock::time_point sent,
                  clock::time_point now) noexcept;
    // A mix: per-kind counts from here on.
    void count_kinds() { stats_.kinds.resize(harness::result::request_kind_count); }

    // A send that stores (load_plan::store) ended: answered with `status`, or not answered (the target may
    // have stored it). Warmup sends count: they store too.
    void store_send(bool answered, int status) noexcept;
    // A measured reply's service time, for load_limit: `early` when it was sent in the first measured
    // seconds, `at_cap` when requests waited for a lane with the pool at its cap as it came.
    void pace(clock::duration service, bool early, bool at_cap) noexcept;

    // A new send answered with a messageUuid another key got first (replay_detector); the first is kept in
    // words, copied once.
    void replayed(std::string_view key, std::string_view message_uuid);

    // How late the generator sent a slot that had a free connection (its own lateness, not the target's).
    void generator_late(clock::duration lateness) noexcept;

    // The second of the timeline the latest advance_to() reached: the one a reply counted now belongs to.
    std::uint32_t current_second() const noexcept { return current_second_; }
    // The sampled validator's findings, once it finished (after finish()): the violations by rule into this
    // thread's stats, and the violations per second into the seconds of the timeline.
    void checked(const std::vector<harness::result::rule_violation>& violations,
                 const std::vector<std::uint64_t>& violations_by_second);

    // Hands every second before `now` to the interval log.
    void advance_to(clock::time_point now);
    // Hands the second in progress over too (the thread is done).
    void finish();

    // Test seam (load_plan::thread_allocations): from the first measured reply on, how many heap allocations
    // the thread made and over how many requests and seconds.
    void track_allocations(std::uint64_t (*thread_allocations)() noexcept) noexcept;
    // Allocations the thread made for something else than a request (opening a connection as the pool grows):
    // left out of the hot path's count.
    void forgive_allocations(std::uint64_t count) noexcept {
        allocations_at_start_ += counting_allocations_ ? count : 0;
    }

    harness::result::load_stats& stats() noexcept { return stats_; }
    const harness::result::load_stats& stats() const noexcept { return stats_; }

    // For the progress line, read from another thread.
    harness::result::progress_counts progress() const noexcept {
        return {answered_progress_.load(std::memory_order_relaxed),
                other_status_progress_.load(std::memory_order_relaxed),
                failed_progress_.load(std::memory_order_relaxed),
                too_late_progress_.load(std::memory_order_relaxed)};
    }

private:
    void count_failure(harness::result::request_fate fate) noexcept;
    void hand_over_second();

    int thread_;
    interval_log& intervals_;
    live_metrics* metrics_;
    clock::time_point time_zero_{};
    harness::result::load_stats stats_;
    hdr::histogram interval_histogram_;
    std::uint32_t current_second_ = 0;
    std::uint64_t second_requests_ = 0;
    std::uint64_t second_errors_ = 0;
    harness::result::failure_class_counts second_classes_{}; // the second's failures by class
    bool counting_allocations_ = false;
    std::uint64_t allocations_at_start_ = 0;
    std::uint64_t requests_at_start_ = 0;
    std::uint32_t second_at_start_ = 0;
    std::atomic<std::uint64_t> answered_progress_{0};
    std::atomic<std::uint64_t> failed_progress_{0};
    std::atomic<std::uint64_t> other_status_progress_{0};
    std::atomic<std::uint64_t> too_late_progress_{0};
};

} // namespace harness::load
