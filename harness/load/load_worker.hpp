#pragma once
// One load thread: its own io_context, its share of the connections and of the schedule, its own statistics
// (merged after join). It decides when to send; measurement is left to its recorder
// (harness::result::load_stats).

#include "harness/result/load_stats.hpp"
#include "harness/result/progress_snapshot.hpp"
#include "interval_log.hpp"
#include "load_plan.hpp"
#include "replay_detector.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

namespace harness::load {

class load_worker {
public:
    // `index` picks this thread's share: arrivals index, index + threads, index + 2*threads, …
    // `replays`: the run's one table of messageUuids given so far, shared by every worker.
    load_worker(int index, const load_plan& plan, interval_log& intervals, replay_detector& replays,
                std::atomic<bool>& stop);
    ~load_worker();

    // Connects every connection of this thread (and does TLS) before the run: not measured, not charged to
    // the target. Throws std::runtime_error when the target cannot be resolved or TLS cannot be set up.
    void open();

    // Runs until the schedule is done (or `stop`), in-flight requests are answered or timed out. Throws
    // std::runtime_error when the target cannot be resolved or TLS cannot be set up.
    void run(std::chrono::steady_clock::time_point start);

    const harness::result::load_stats& stats() const noexcept;
    // For the progress line, read from another thread.
    harness::result::progress_counts progress() const noexcept;
    // After open(): whether its connections speak HTTP/2 (nullopt when none connected).
    std::optional<bool> http2() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace harness::load
