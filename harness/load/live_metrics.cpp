#include "live_metrics.hpp"

#include "harness/metrics/prometheus_text.hpp"

namespace harness::load {

live_metrics::live_metrics(int threads)
    : slots_(std::make_unique<slot[]>(static_cast<std::size_t>(threads))), threads_(threads) {}

void live_metrics::answered(int thread, std::int64_t latency_us) noexcept {
    slot& s = slots_[static_cast<std::size_t>(thread)];
    s.fates[0].fetch_add(1, std::memory_order_relaxed);
    const double seconds = static_cast<double>(latency_us) / 1e6;
    std::size_t bucket = 0;
    while (bucket < bucket_bounds_seconds.size() && seconds > bucket_bounds_seconds[bucket]) {
        ++bucket;
    }
    s.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    s.sum_us.fetch_add(static_cast<std::uint64_t>(latency_us), std::memory_order_relaxed);
}

void live_metrics::failed(int thread, harness::result::request_fate fate) noexcept {
    slots_[static_cast<std::size_t>(thread)].fates[static_cast<std::size_t>(fate)].fetch_add(
        1, std::memory_order_relaxed);
}

void live_metrics::unexpected_status(int thread) noexcept {
    slots_[static_cast<std::size_t>(thread)].unexpected_statuses.fetch_add(1, std::memory_order_relaxed);
}

std::string live_metrics::exposition() const {
    std::array<std::uint64_t, harness::result::request_fate_count> fates{};
    std::array<std::uint64_t, bucket_bounds_seconds.size() + 1> buckets{};
    std::uint64_t sum_us = 0;
    std::uint64_t unexpected = 0;
    for (int t = 0; t < threads_; ++t) {
        const slot& s = slots_[static_cast<std::size_t>(t)];
        unexpected += s.unexpected_statuses.load(std::memory_order_relaxed);
        for (std::size_t i = 0; i < fates.size(); ++i) {
            fates[i] += s.fates[i].load(std::memory_order_relaxed);
        }
        for (std::size_t i = 0; i < buckets.size(); ++i) {
            buckets[i] += s.buckets[i].load(std::memory_order_relaxed);
        }
        sum_us += s.sum_us.load(std::memory_order_relaxed);
    }
    using harness::metrics::prometheus_text;
    prometheus_text text;
    text.family("harness_load_requests_total", prometheus_text::metric_type::counter,
                "Requests of the running load, by how they ended.");
    for (std::size_t i = 0; i < fates.size(); ++i) {
        text.sample("harness_load_requests_total", "fate",
                    to_string(static_cast<harness::result::request_fate>(i)), fates[i]);
    }
    text.family("harness_load_failed_replies_total", prometheus_text::metric_type::counter,
                "Answered requests whose status is not the profile's success status (failed requests too).")
        .sample("harness_load_failed_replies_total", unexpected);
    text.histogram("harness_load_latency_seconds",
                   "Latency of answered requests (from the intended send time in open loop).",
                   bucket_bounds_seconds, buckets, static_cast<double>(sum_us) / 1e6, 6);
    return text.take();
}

} // namespace harness::load
