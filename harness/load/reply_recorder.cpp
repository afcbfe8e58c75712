#include "reply_recorder.hpp"

#include "live_metrics.hpp"

#include <algorithm>

namespace harness::load {

namespace {

std::int64_t micros(reply_recorder::clock::duration d) {
    return std::max<std::int64_t>(1, std::chrono::duration_cast<std::chrono::microseconds>(d).count());
}

} // namespace

reply_recorder::reply_recorder(int thread, interval_log& intervals, live_metrics* metrics)
    : thread_(thread), intervals_(intervals), metrics_(metrics) {}

void reply_recorder::count_failure(harness::result::request_fate fate) noexcept {
    ++stats_.intended;
    ++stats_.fates[static_cast<std::size_t>(fate)];
    ++second_errors_;
    ++second_classes_[static_cast<std::size_t>(harness::result::class_of(fate))];
    (fate == harness::result::request_fate::too_late ? too_late_progress_ : failed_progress_)
        .fetch_add(1, std::memory_order_relaxed);
    if (metrics_ != nullptr) {
        metrics_->failed(thread_, fate);
    }
}

void reply_recorder::too_late() noexcept {
    count_failure(harness::result::request_fate::too_late);
}

void reply_recorder::failed(harness::result::request_fate fate, const std::string& reason, int kind) {
    count_failure(fate);
    if (kind >= 0) {
        ++stats_.kinds[static_cast<std::size_t>(kind)].intended;
        ++stats_.kinds[static_cast<std::size_t>(kind)].failed;
    }
    if (stats_.first_failure.empty()) {
        stats_.first_failure = std::string(harness::result::to_string(fate)) + ": " + reason;
    }
}

void reply_recorder::answered(int status, int expected, int kind, clock::time_point intended,
                              clock::time_point sent, clock::time_point now) noexcept {
    ++stats_.intended;
    ++stats_.fates[static_cast<std::size_t>(harness::result::request_fate::answered)];
    if (status >= 0 && status < static_cast<int>(stats_.statuses.size())) {
        ++stats_.statuses[static_cast<std::size_t>(status)];
    }
    const std::int64_t latency = micros(now - intended);
    if (!stats_.latency.record(latency)) {
        ++stats_.unrecorded;
    }
    stats_.service.record(micros(now - sent));
    if (metrics_ != nullptr) {
        metrics_->answered(thread_, latency);
    }
    interval_histogram_.record(latency);
    ++second_requests_;
    if (kind >= 0) {
        harness::result::kind_stats& k = stats_.kinds[static_cast<std::size_t>(kind)];
        ++k.intended;
        ++k.answered;
        k.wrong_status += status != expected ? 1 : 0;
        k.latency.record(latency);
    }
    if (status != expected) {
        ++second_errors_;
        ++second_classes_[static_cast<std::size_t>(harness::result::failure_class::status)];
        other_status_progress_.fetch_add(1, std::memory_order_relaxed);
        if (metrics_ != nullptr) {
            metrics_->unexpected_status(thread_);
        }
    }
    answered_progress_.fetch_add(1, std::memory_order_relaxed);
}

void reply_recorder::store_send(bool answered, int status) noexcept {
    if (!answered) {
        ++stats_.stores_unanswered;
    } else if (status >= 200 && status < 300) {
        ++stats_.stores_accepted;
    }
}

void reply_recorder::pace(clock::duration service, bool early, bool at_cap) noexcept {
    const std::int64_t us = micros(service);
    if (early) {
        stats_.pool.service_early.record(us);
    }
    if (at_cap) {
        stats_.pool.service_at_cap.record(us);
    }
}

void reply_recorder::replayed(std::string_view key, std::string_view message_uuid) {
    if (stats_.replayed++ == 0) {
        stats_.first_replay = "messageUuid " + std::string(message_uuid) + " came back for key " +
                              std::string(key) + ", given first for another key";
    }
}

void reply_recorder::generator_late(clock::duration lateness) noexcept {
    stats_.generator_lag.record(
        std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::microseconds>(lateness).count()));
}

void reply_recorder::advance_to(clock::time_point now) {
    const auto second =
        static_cast<std::uint32_t>(std::max(0.0, std::chrono::duration<double>(now - time_zero_).count()));
    while (current_second_ < second) {
        hand_over_second();
    }
}

void reply_recorder::finish() {
    hand_over_second();
}

void reply_recorder::hand_over_second() {
    intervals_.contribute(current_second_, interval_histogram_, second_requests_, second_errors_,
                          second_classes_);
    interval_histogram_.reset();
    second_requests_ = 0;
    second_errors_ = 0;
    second_classes_.fill(0);
    ++current_second_;
}

void reply_recorder::checked(const std::vector<harness::result::rule_violation>& violations,
                             const std::vector<std::uint64_t>& violations_by_second) {
    stats_.violations = violations;
    for (std::size_t second = 0; second < violations_by_second.size(); ++second) {
        if (violations_by_second[second] > 0) {
            intervals_.add_late(static_cast<std::uint32_t>(second), harness::result::failure_class::violation,
                                violations_by_second[second]);
        }
    }
}

void reply_recorder::track_allocations(std::uint64_t (*thread_allocations)() noexcept) noexcept {
    if (thread_allocations == nullptr) {
        return;
    }
    if (!counting_allocations_) {
        counting_allocations_ = true;
        allocations_at_start_ = thread_allocations();
        requests_at_start_ = stats_.intended;
        second_at_start_ = current_second_;
        return;
    }
    stats_.hot_path_allocations = thread_allocations() - allocations_at_start_;
    stats_.hot_path_requests = stats_.intended - requests_at_start_;
    stats_.hot_path_seconds = current_second_ - second_at_start_;
}

} // namespace harness::load
