#pragma once
// Counters the mock keeps for /metrics (Prometheus text exposition): requests by status and a latency
// histogram of the time from a request's last byte read to its reply's last byte written; HTTP/2 connections
// and the most streams awaiting a reply at once on one (what a client's multiplexing really achieved).
// Lock-free, and sharded: each thread counts into its own cache-line-aligned shard (the mock's event-loop
// threads would otherwise bounce the same counters between cores on every request); readers add the shards.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace harness::mock {

class mock_metrics {
public:
    void record(int status, std::chrono::nanoseconds duration) noexcept;
    void reset() noexcept;
    // HTTP/2: a connection opened; `n` requests awaiting their replies at once on one connection.
    void http2_connection_opened() noexcept { http2_connections_.fetch_add(1, std::memory_order_relaxed); }
    void http2_streams_in_flight(std::uint64_t n) noexcept;

    std::uint64_t requests() const noexcept;
    std::uint64_t requests_with_status(int status) const noexcept;

    // The exposition text (version 0.0.4), ready to serve as text/plain.
    std::string prometheus_text() const;

    static constexpr std::array<double, 17> bucket_bounds_seconds = {
        0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
        0.05,    0.1,    0.25,    0.5,    1.0,   2.5,    5.0,   10.0};

private:
    struct alignas(64) shard {
        std::array<std::atomic<std::uint64_t>, 600> by_status{};
        std::array<std::atomic<std::uint64_t>, bucket_bounds_seconds.size() + 1> buckets{};
        std::atomic<std::uint64_t> sum_ns{0};
        std::atomic<std::uint64_t> count{0};
    };
    static constexpr std::size_t shard_count = 8; // threads beyond this share shards (still exact)

    shard& this_threads_shard() noexcept;
    std::uint64_t sum(std::atomic<std::uint64_t> shard::*counter) const noexcept;

    std::array<shard, shard_count> shards_{};
    std::atomic<std::uint64_t> http2_connections_{0};
    std::atomic<std::uint64_t> http2_streams_max_{0};
};

} // namespace harness::mock
