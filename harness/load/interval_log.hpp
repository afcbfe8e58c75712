#pragma once
// Per-second histograms from every load thread, merged second by second: each second becomes one timeline
// entry and one .hlog line as soon as every thread has handed it in, and its histogram is freed, so a long
// run keeps memory flat. Thread-safe.

#include "harness/hdr/histogram.hpp"
#include "harness/result/load_timeline.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace harness::load {

class interval_log {
public:
    explicit interval_log(int threads) : threads_(threads) {}

    // A thread's contribution for `second` (an empty histogram when it answered nothing in that second), with
    // its failures by class.
    void contribute(std::uint32_t second, const hdr::histogram& interval, std::uint64_t requests,
                    std::uint64_t errors, const harness::result::failure_class_counts& classes = {});
    // A count found after the second was handed in (the validator's violations, checked on a thread of its
    // own): added to the second, whether it is still open or already in the timeline.
    void add_late(std::uint32_t second, harness::result::failure_class c, std::uint64_t count);

    // Finishes the seconds not every thread reached (the run's last one); call after the threads joined.
    void close_all();

    std::vector<harness::result::timeline_entry> timeline() const;
    std::vector<harness::result::hlog_line> lines() const;
    // The newest second every thread has handed in that starts before `before` (the progress line's last
    // complete second), if any.
    std::optional<harness::result::timeline_entry> newest_before(std::uint32_t before) const;

private:
    void finish(std::uint32_t second);

    struct slot {
        hdr::histogram histogram;
        int contributions = 0;
        std::uint64_t requests = 0, errors = 0;
        harness::result::failure_class_counts classes{};
    };

    int threads_;
    mutable std::mutex mutex_;
    std::map<std::uint32_t, slot> open_;
    std::vector<harness::result::timeline_entry> timeline_;
    std::vector<harness::result::hlog_line> lines_;
};

} // namespace harness::load
