#include "mock_metrics.hpp"

#include "harness/metrics/prometheus_text.hpp"

namespace harness::mock {

mock_metrics::shard& mock_metrics::this_threads_shard() noexcept {
    static std::atomic<std::size_t> threads_seen{0};
    thread_local const std::size_t index = threads_seen.fetch_add(1, std::memory_order_relaxed) % shard_count;
    return shards_[index];
}

std::uint64_t mock_metrics::sum(std::atomic<std::uint64_t> shard::*counter) const noexcept {
    std::uint64_t total = 0;
    for (const shard& s : shards_) {
        total += (s.*counter).load(std::memory_order_relaxed);
    }
    return total;
}

void mock_metrics::record(int status, std::chrono::nanoseconds duration) noexcept {
    shard& mine = this_threads_shard();
    if (status >= 0 && status < static_cast<int>(mine.by_status.size())) {
        mine.by_status[static_cast<std::size_t>(status)].fetch_add(1, std::memory_order_relaxed);
    }
    const double seconds = std::chrono::duration<double>(duration).count();
    std::size_t bucket = 0;
    while (bucket < bucket_bounds_seconds.size() && seconds > bucket_bounds_seconds[bucket]) {
        ++bucket;
    }
    mine.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    mine.sum_ns.fetch_add(static_cast<std::uint64_t>(duration.count()), std::memory_order_relaxed);
    mine.count.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t mock_metrics::requests() const noexcept {
    return sum(&shard::count);
}

void mock_metrics::http2_streams_in_flight(std::uint64_t n) noexcept {
    std::uint64_t seen = http2_streams_max_.load(std::memory_order_relaxed);
    while (n > seen && !http2_streams_max_.compare_exchange_weak(seen, n, std::memory_order_relaxed)) {
    }
}

void mock_metrics::reset() noexcept {
    http2_connections_.store(0, std::memory_order_relaxed);
    http2_streams_max_.store(0, std::memory_order_relaxed);
    for (shard& s : shards_) {
        for (auto& counter : s.by_status) {
            counter.store(0, std::memory_order_relaxed);
        }
        for (auto& counter : s.buckets) {
            counter.store(0, std::memory_order_relaxed);
        }
        s.sum_ns.store(0, std::memory_order_relaxed);
        s.count.store(0, std::memory_order_relaxed);
    }
}

std::uint64_t mock_metrics::requests_with_status(int status) const noexcept {
    std::uint64_t total = 0;
    for (const shard& s : shards_) {
        if (status >= 0 && status < static_cast<int>(s.by_status.size())) {
            total += s.by_status[static_cast<std::size_t>(status)].load(std::memory_order_relaxed);
        }
    }
    return total;
}

std::string mock_metrics::prometheus_text() const {
    using text_builder = harness::metrics::prometheus_text;
    text_builder text;
    text.family("harness_mock_requests_total", text_builder::metric_type::counter,
                "Requests answered by the mock, by HTTP status.");
    for (std::size_t status = 100; status < shards_[0].by_status.size(); ++status) {
        const std::uint64_t n = requests_with_status(static_cast<int>(status));
        if (n > 0) {
            text.sample("harness_mock_requests_total", "status", std::to_string(status), n);
        }
    }
    std::array<std::uint64_t, bucket_bounds_seconds.size() + 1> buckets{};
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        for (const shard& s : shards_) {
            buckets[i] += s.buckets[i].load(std::memory_order_relaxed);
        }
    }
    text.histogram("harness_mock_request_duration_seconds",
                   "Time from a request's last byte to its reply's last byte.", bucket_bounds_seconds,
                   buckets, static_cast<double>(sum(&shard::sum_ns)) / 1e9, 9);
    text.family("harness_mock_http2_connections_total", text_builder::metric_type::counter,
                "HTTP/2 connections opened (h2 by ALPN or h2c).")
        .sample("harness_mock_http2_connections_total", http2_connections_.load(std::memory_order_relaxed));
    text.family("harness_mock_http2_streams_in_flight_max", text_builder::metric_type::gauge,
                "The most requests awaiting their replies at once on one HTTP/2 connection.")
        .sample("harness_mock_http2_streams_in_flight_max",
                http2_streams_max_.load(std::memory_order_relaxed));
    return text.take();
}

} // namespace harness::mock
