// The open loop's connection cap (issue 25, row 4): given, or the peak rate × 1 s divided by the lanes of a
// connection, never under the first pool, never over the process's open files.
#include "harness/load/connection_budget.hpp"
#include "harness/load/plan_builder.hpp"

#include <gtest/gtest.h>

namespace {

using namespace harness::load;

TEST(connection_budget, the_default_is_the_peak_rate_times_the_allowance) {
    const connection_budget b = derive_connection_budget(400, 1, 10, 0, 100000);
    EXPECT_EQ(b.cap, 400);
    EXPECT_DOUBLE_EQ(b.allowance_seconds, default_latency_allowance_seconds);
    EXPECT_FALSE(b.limited_by_files);
}

TEST(connection_budget, streams_share_a_connection) {
    EXPECT_EQ(derive_connection_budget(400, 8, 10, 0, 100000).cap, 50);
}

TEST(connection_budget, never_under_the_first_pool_nor_over_the_open_files) {
    EXPECT_EQ(derive_connection_budget(5, 1, 50, 0, 100000).cap, 50);
    const connection_budget b = derive_connection_budget(5000, 1, 10, 0, 960);
    EXPECT_EQ(b.cap, 960);
    EXPECT_TRUE(b.limited_by_files);
    EXPECT_EQ(derive_connection_budget(1e6, 1, 10, 0, 1 << 30).cap, default_cap_ceiling);
}

TEST(connection_budget, a_given_cap_is_kept_and_has_no_allowance) {
    const connection_budget b = derive_connection_budget(400, 1, 10, 12, 100);
    EXPECT_EQ(b.cap, 12);
    EXPECT_DOUBLE_EQ(b.allowance_seconds, 0);
    EXPECT_EQ(derive_connection_budget(400, 1, 10, 4, 100).cap, 10);
}

TEST(connection_budget, an_open_loop_plan_gets_one_and_a_closed_loop_none) {
    plan_request open;
    open.rate = 400;
    open.rate_given = true;
    open.connections = 10;
    EXPECT_GE(build_load_plan(open).connection_cap, 10);
    open.connection_cap = 10;
    EXPECT_EQ(build_load_plan(open).connection_cap, 10);
    plan_request closed;
    closed.connections_given = true;
    EXPECT_EQ(build_load_plan(closed).connection_cap, 0);
}

TEST(connection_budget, the_open_file_budget_leaves_a_margin) {
    EXPECT_GT(open_file_budget(), 0);
}

} // namespace
