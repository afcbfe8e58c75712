#include "arrival_queue.hpp"

namespace harness::load {

namespace {

arrival_queue::clock::duration seconds(double s) {
    return std::chrono::duration_cast<arrival_queue::clock::duration>(std::chrono::duration<double>(s));
}

} // namespace

arrival_queue::arrival_queue(const arrival_schedule& schedule, int thread, int threads,
                             clock::time_point time_zero, double max_lag_seconds)
    : schedule_(schedule), thread_(static_cast<std::uint64_t>(thread)),
      threads_(static_cast<std::uint64_t>(threads)), time_zero_(time_zero),
      max_lag_(seconds(max_lag_seconds)) {
    // Room for every slot that can be due and unsent at once: max_lag's worth at the peak rate, and a margin.
    const double peak_rate_here = schedule.max_rate() / static_cast<double>(threads);
    ring_.resize(static_cast<std::size_t>(peak_rate_here * (max_lag_seconds + 1.0)) + 1024);
}

std::optional<arrival_queue::clock::time_point> arrival_queue::next_arrival() const {
    const std::uint64_t global = thread_ + next_ * threads_;
    if (global >= schedule_.total_arrivals()) {
        return std::nullopt;
    }
    return time_zero_ + seconds(schedule_.time_of(global));
}

arrival_queue::clock::time_point arrival_queue::pop() noexcept {
    const clock::time_point due = ring_[head_];
    head_ = (head_ + 1) % ring_.size();
    --size_;
    return due;
}

} // namespace harness::load
