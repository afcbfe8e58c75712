#pragma once
// What a running load shows to Prometheus (`harness load --metrics-addr HOST:PORT`, served by
// harness::metrics::metrics_server): requests by fate and a latency histogram, kept in per-thread slots of
// relaxed atomics (each on its own cache line), summed when scraped. The workers only add; the scrape only
// reads.

#include "harness/result/load_stats.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace harness::load {

class live_metrics {
public:
    explicit live_metrics(int threads);

    void answered(int thread, std::int64_t latency_us) noexcept;
    void failed(int thread, harness::result::request_fate fate) noexcept;
    // An answered request whose status is not the expected one: a failed request too.
    void unexpected_status(int thread) noexcept;

    // Prometheus text exposition (version 0.0.4), through harness::metrics::prometheus_text.
    std::string exposition() const;

    static constexpr std::array<double, 14> bucket_bounds_seconds = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0};

private:
    struct alignas(64) slot {
        std::array<std::atomic<std::uint64_t>, harness::result::request_fate_count> fates{};
        std::array<std::atomic<std::uint64_t>, bucket_bounds_seconds.size() + 1> buckets{};
        std::atomic<std::uint64_t> sum_us{0};
        std::atomic<std::uint64_t> unexpected_statuses{0};
    };
    std::unique_ptr<slot[]> slots_;
    int threads_;
};

} // namespace harness::load
