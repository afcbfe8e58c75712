#include "harness/result/load_comparison.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace harness::result {
namespace {

// 1000 latencies of 100 µs … 100 ms (scaled), all answered with 200.
load_result run(double scale, double rate) {
    load_result r;
    r.mode = "open";
    r.requested_rate = 100;
    for (int i = 1; i <= 1000; ++i) {
        r.stats.latency.record(static_cast<std::int64_t>(i * 100 * scale));
    }
    r.stats.intended = 1000;
    r.stats.fates[static_cast<std::size_t>(request_fate::answered)] = 1000;
    r.stats.statuses[200] = 1000;
    r.achieved_rate = rate;
    return r;
}

comparison_settings settings(double max_regression, std::vector<std::string> gates = default_gates()) {
    comparison_settings s;
    s.max_regression = max_regression;
    s.gates = std::move(gates);
    return s;
}

const comparison_row& row(const load_comparison& c, const std::string& metric) {
    for (const auto& r : c.rows) {
        if (r.metric == metric) {
            return r;
        }
    }
    throw std::logic_error("no row " + metric);
}

TEST(load_comparison, equal_runs_do_not_regress) {
    const load_comparison c = compare_load_results(run(1, 100), run(1, 100), settings(0.10));
    EXPECT_FALSE(c.regressed());
    EXPECT_DOUBLE_EQ(row(c, "p99").change(), 0);
}

TEST(load_comparison, a_twenty_percent_slower_run_regresses_on_its_latency_gates) {
    const load_comparison c = compare_load_results(run(1, 100), run(1.2, 100), settings(0.10));
    EXPECT_TRUE(c.regressed());
    EXPECT_TRUE(row(c, "p99").regressed);
    EXPECT_NEAR(row(c, "p99").change(), 0.2, 0.01);
    EXPECT_FALSE(row(c, "rate").regressed);
    EXPECT_FALSE(row(c, "max").regressed); // not gated by default
}

TEST(load_comparison, a_small_rise_within_the_allowance_passes) {
    EXPECT_FALSE(compare_load_results(run(1, 100), run(1.05, 100), settings(0.10)).regressed());
}

TEST(load_comparison, a_lower_rate_regresses_and_a_higher_one_does_not) {
    EXPECT_TRUE(row(compare_load_results(run(1, 100), run(1, 80), settings(0.10)), "rate").regressed);
    EXPECT_FALSE(compare_load_results(run(1, 100), run(1, 130), settings(0.10)).regressed());
}

TEST(load_comparison, only_the_named_gates_judge) {
    EXPECT_FALSE(compare_load_results(run(1, 100), run(1.5, 100), settings(0.10, {"rate"})).regressed());
    EXPECT_THROW(compare_load_results(run(1, 100), run(1, 100), settings(0.10, {"p42x"})),
                 std::invalid_argument);
}

TEST(load_comparison, changes_below_the_noise_floor_do_not_regress) {
    load_result fast = run(0.01, 100); // latencies of 1 µs … 1 ms: a 20 % rise is at most 200 µs
    EXPECT_FALSE(compare_load_results(fast, run(0.012, 100), settings(0.10)).regressed());
    comparison_settings no_floor = settings(0.10);
    no_floor.min_latency_change_us = 0;
    EXPECT_TRUE(compare_load_results(fast, run(0.012, 100), no_floor).regressed());
}

TEST(load_comparison, more_failed_requests_regress) {
    load_result failing = run(1, 100);
    failing.stats.statuses[200] -= 20;
    failing.stats.statuses[503] += 20; // 2 % failed
    const load_comparison c = compare_load_results(run(1, 100), failing, settings(0.10));
    EXPECT_TRUE(row(c, "errors").regressed);
    EXPECT_FALSE(row(c, "p99").regressed);
}

TEST(load_comparison, refuses_runs_that_cannot_be_compared) {
    load_result closed = run(1, 100);
    closed.mode = "closed";
    EXPECT_THROW(compare_load_results(run(1, 100), closed, settings(0.10)), comparison_refused);
    load_result faster = run(1, 100);
    faster.requested_rate = 200;
    EXPECT_THROW(compare_load_results(run(1, 100), faster, settings(0.10)), comparison_refused);
    comparison_settings forced = settings(0.10);
    forced.force = true;
    EXPECT_NO_THROW(compare_load_results(run(1, 100), faster, forced));
    load_result silent = run(1, 100);
    silent.stats.fates[static_cast<std::size_t>(request_fate::answered)] = 0;
    EXPECT_THROW(compare_load_results(run(1, 100), silent, forced), comparison_refused);
}

} // namespace
} // namespace harness::result
