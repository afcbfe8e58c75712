// The one Prometheus text builder: HELP and TYPE lines, samples with and without a label, the format's
// escapes, and a histogram's cumulative buckets, sum and count.

#include "harness/metrics/prometheus_text.hpp"

#include <array>

#include <gtest/gtest.h>

namespace harness::metrics {
namespace {

using type = prometheus_text::metric_type;

TEST(prometheus_text, writes_a_family_then_its_samples) {
    prometheus_text text;
    text.family("jobs_total", type::counter, "Jobs done, by queue.")
        .sample("jobs_total", "queue", "fast", 3)
        .sample("jobs_total", "queue", "slow", 0);
    text.family("workers", type::gauge, "Workers busy now.").sample("workers", 7);
    EXPECT_EQ(text.text(), "# HELP jobs_total Jobs done, by queue.\n"
                           "# TYPE jobs_total counter\n"
                           "jobs_total{queue=\"fast\"} 3\n"
                           "jobs_total{queue=\"slow\"} 0\n"
                           "# HELP workers Workers busy now.\n"
                           "# TYPE workers gauge\n"
                           "workers 7\n");
}

TEST(prometheus_text, escapes_label_values_and_help) {
    prometheus_text text;
    text.family("odd", type::counter, "A \\ and a \"quote\"\nover two lines.")
        .sample("odd", "path", "C:\\tmp \"x\"\nnext", 1);
    // HELP escapes the backslash and the line feed only; a label value the double quote too.
    EXPECT_EQ(text.text(), "# HELP odd A \\\\ and a \"quote\"\\nover two lines.\n"
                           "# TYPE odd counter\n"
                           "odd{path=\"C:\\\\tmp \\\"x\\\"\\nnext\"} 1\n");
}

TEST(prometheus_text, writes_a_histogram_cumulatively) {
    constexpr std::array<double, 3> bounds{0.00005, 0.25, 1.0};
    constexpr std::array<std::uint64_t, 4> counts{1, 0, 2, 4}; // the last one above every bound
    prometheus_text text;
    text.histogram("wait_seconds", "How long jobs waited.", bounds, counts, 12.5, 3);
    EXPECT_EQ(text.text(), "# HELP wait_seconds How long jobs waited.\n"
                           "# TYPE wait_seconds histogram\n"
                           "wait_seconds_bucket{le=\"5e-05\"} 1\n"
                           "wait_seconds_bucket{le=\"0.25\"} 1\n"
                           "wait_seconds_bucket{le=\"1\"} 3\n"
                           "wait_seconds_bucket{le=\"+Inf\"} 7\n"
                           "wait_seconds_sum 12.500\n"
                           "wait_seconds_count 7\n");
}

TEST(prometheus_text, an_empty_histogram_still_has_every_bucket) {
    constexpr std::array<double, 2> bounds{0.1, 1.0};
    constexpr std::array<std::uint64_t, 3> counts{};
    prometheus_text text;
    text.histogram("h", "Empty.", bounds, counts, 0.0, 6);
    EXPECT_NE(text.text().find("h_bucket{le=\"0.1\"} 0\nh_bucket{le=\"1\"} 0\nh_bucket{le=\"+Inf\"} 0\n"),
              std::string::npos)
        << text.text();
    EXPECT_NE(text.text().find("h_sum 0.000000\nh_count 0\n"), std::string::npos) << text.text();
}

TEST(prometheus_text, take_hands_the_text_over) {
    prometheus_text text;
    text.family("up", type::gauge, "Up.").sample("up", 1);
    const std::string taken = text.take();
    EXPECT_EQ(taken, "# HELP up Up.\n# TYPE up gauge\nup 1\n");
    EXPECT_EQ(prometheus_text::content_type, "text/plain; version=0.0.4; charset=utf-8");
}

} // namespace
} // namespace harness::metrics
