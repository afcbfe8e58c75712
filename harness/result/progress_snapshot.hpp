#pragma once
// What a load run has done so far, as the progress line shows it while the run goes on: counts since the
// start, rates over the window since the previous snapshot, and the p99 of the last complete second (the same
// on every line, the last one included: the whole run's percentiles are the summary's).

#include <cstdint>

namespace harness::result {

struct progress_counts {
    std::uint64_t answered = 0;
    std::uint64_t other_status =
        0;                      // answered with another status than the request deserved (non-2xx for sends)
    std::uint64_t failed = 0;   // no reply: a transport class (refused, reset, timeout, …)
    std::uint64_t too_late = 0; // slots the generator could not send in time

    progress_counts& operator+=(const progress_counts& other) noexcept {
        answered += other.answered;
        other_status += other.other_status;
        failed += other.failed;
        too_late += other.too_late;
        return *this;
    }
};

struct progress_snapshot {
    double elapsed_seconds = 0;
    double total_seconds = 0;
    bool open_loop = true;
    double requested_rate = 0; // the schedule's, over the window (open loop)
    double achieved_rate = 0;  // answered per second over the window
    progress_counts counts;
    bool has_last_second = false;
    std::uint32_t last_second = 0; // the newest complete second of the timeline
    std::int64_t last_second_p99_us = 0;
    bool final = false;
};

} // namespace harness::result
