#include "harness/load/plan_builder.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace harness::load {
namespace {

TEST(plan_builder, reads_shards_and_refuses_bad_ones) {
    const shard_spec shard = parse_shard("2/4");
    EXPECT_EQ(shard.index, 2);
    EXPECT_EQ(shard.count, 4);
    for (const char* bad : {"4/4", "-1/4", "1/0", "1/256", "1", "a/b", "1/4x", "", "/4"}) {
        EXPECT_THROW(parse_shard(bad), std::invalid_argument) << bad;
    }
}

TEST(plan_builder, a_shard_takes_its_share_of_the_rate) {
    plan_request request;
    request.rate = 1000;
    request.rate_given = true;
    request.duration = "2s";
    request.shard = "1/4";
    const load_plan plan = build_load_plan(request);
    ASSERT_TRUE(plan.schedule.has_value());
    EXPECT_EQ(plan.schedule->total_arrivals(), 500u);
    EXPECT_EQ(plan.shard_index, 1);
    EXPECT_EQ(plan.shard_count, 4);
}

TEST(plan_builder, connections_without_a_rate_is_a_closed_loop) {
    plan_request request;
    request.connections = 8;
    request.connections_given = true;
    request.duration = "3s";
    const load_plan plan = build_load_plan(request);
    EXPECT_FALSE(plan.schedule.has_value());
    EXPECT_DOUBLE_EQ(plan.duration(), 3);
    EXPECT_EQ(plan.connections, 8);
}

TEST(plan_builder, refuses_contradictions) {
    plan_request both;
    both.rate = 10;
    both.rate_given = true;
    both.stages = "1s:10";
    EXPECT_THROW(build_load_plan(both), std::invalid_argument);
    plan_request zero;
    zero.rate_given = true;
    EXPECT_THROW(build_load_plan(zero), std::invalid_argument);
    plan_request short_run;
    short_run.duration = "1s";
    short_run.warmup = "2s";
    EXPECT_THROW(build_load_plan(short_run), std::invalid_argument);
}

} // namespace
} // namespace harness::load
