#include "interval_log.hpp"

#include "harness/hdr/histogram_codec.hpp"

#include <algorithm>

namespace harness::load {

void interval_log::contribute(std::uint32_t second, const hdr::histogram& interval, std::uint64_t requests,
                              std::uint64_t errors, const harness::result::failure_class_counts& classes) {
    std::lock_guard lock(mutex_);
    slot& s = open_.try_emplace(second).first->second;
    s.histogram.add(interval);
    s.requests += requests;
    s.errors += errors;
    for (std::size_t c = 0; c < classes.size(); ++c) {
        s.classes[c] += classes[c];
    }
    if (++s.contributions >= threads_) {
        finish(second);
    }
}

void interval_log::finish(std::uint32_t second) {
    const slot& s = open_.at(second);
    timeline_.push_back({second, s.requests, s.errors, 0, s.histogram.value_at_percentile(50),
                         s.histogram.value_at_percentile(99), s.histogram.max(), s.classes});
    lines_.push_back({second, s.histogram.max(), hdr::base64_encode(hdr::encode_compressed(s.histogram))});
    open_.erase(second);
}

void interval_log::add_late(std::uint32_t second, harness::result::failure_class c, std::uint64_t count) {
    std::lock_guard lock(mutex_);
    const auto index = static_cast<std::size_t>(c);
    if (const auto open = open_.find(second); open != open_.end()) {
        open->second.classes[index] += count;
        return;
    }
    const auto done = std::find_if(timeline_.begin(), timeline_.end(),
                                   [second](const auto& entry) { return entry.second == second; });
    if (done != timeline_.end()) {
        done->classes[index] += count;
        return;
    }
    // A second no thread handed in yet (a worker that ended early): it waits for them like any other.
    open_.try_emplace(second).first->second.classes[index] += count;
}

void interval_log::close_all() {
    std::lock_guard lock(mutex_);
    while (!open_.empty()) {
        finish(open_.begin()->first);
    }
}

std::vector<harness::result::timeline_entry> interval_log::timeline() const {
    std::lock_guard lock(mutex_);
    std::vector<harness::result::timeline_entry> sorted = timeline_;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return sorted;
}

std::vector<harness::result::hlog_line> interval_log::lines() const {
    std::lock_guard lock(mutex_);
    std::vector<harness::result::hlog_line> sorted = lines_;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return sorted;
}

std::optional<harness::result::timeline_entry> interval_log::newest_before(std::uint32_t before) const {
    std::lock_guard lock(mutex_);
    std::optional<harness::result::timeline_entry> newest;
    for (const auto& entry : timeline_) {
        if (entry.second < before && (!newest || entry.second > newest->second)) {
            newest = entry;
        }
    }
    return newest;
}

} // namespace harness::load
