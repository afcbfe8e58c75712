#include "harness/result/load_comparison.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace harness::result {
namespace {

load_result run(double scale, double rate) {
    load_result r;
    for (int i = 1; i <= 1000; ++i) {
        r.stats.latency.record(static_cast<std::int64_t>(i * 10 * scale));
    }
    r.achieved_rate = rate;
    return r;
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
    const load_comparison c = compare_load_results(run(1, 100), run(1, 100), 0.10, default_gates());
    EXPECT_FALSE(c.regressed());
    EXPECT_DOUBLE_EQ(row(c, "p99").change(), 0);
}

TEST(load_comparison, a_twenty_percent_slower_run_regresses_on_its_latency_gates) {
    const load_comparison c = compare_load_results(run(1, 100), run(1.2, 100), 0.10, default_gates());
    EXPECT_TRUE(c.regressed());
    EXPECT_TRUE(row(c, "p99").regressed);
    EXPECT_NEAR(row(c, "p99").change(), 0.2, 0.01);
    EXPECT_FALSE(row(c, "rate").regressed);
    EXPECT_FALSE(row(c, "max").regressed); // not gated by default
}

TEST(load_comparison, a_small_rise_within_the_allowance_passes) {
    EXPECT_FALSE(compare_load_results(run(1, 100), run(1.05, 100), 0.10, default_gates()).regressed());
}

TEST(load_comparison, a_lower_rate_regresses_and_a_higher_one_does_not) {
    EXPECT_TRUE(row(compare_load_results(run(1, 100), run(1, 80), 0.10, default_gates()), "rate").regressed);
    EXPECT_FALSE(compare_load_results(run(1, 100), run(1, 130), 0.10, default_gates()).regressed());
}

TEST(load_comparison, only_the_named_gates_judge) {
    EXPECT_FALSE(compare_load_results(run(1, 100), run(1.5, 100), 0.10, {"rate"}).regressed());
    EXPECT_THROW(compare_load_results(run(1, 100), run(1, 100), 0.10, {"p42x"}), std::invalid_argument);
}

} // namespace
} // namespace harness::result
