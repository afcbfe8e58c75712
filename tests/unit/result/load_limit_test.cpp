// Who ran out when requests went too late (issue 25, row 4): the target when its service time at the cap grew
// past 1.5 × its early pace (failed, exit 1), the generator's connection budget otherwise (not tested, exit
// 2, naming rate × service time), the generator's pace when the pool still had room (not tested).
#include "harness/result/load_limit.hpp"
#include "harness/result/run_judgement.hpp"

#include <gtest/gtest.h>

namespace {

using namespace harness::result;

// An open-loop run at 400 req/s, pool 10 capped at 10, 1000 answered, `too_late` slots too late.
load_result capped_run(std::uint64_t too_late, std::uint64_t at_cap) {
    load_result r;
    r.mode = "open";
    r.connections = 10;
    r.connection_cap = 10;
    r.requested_rate = 400;
    r.stats.intended = 1000 + too_late;
    r.stats.fates[static_cast<std::size_t>(request_fate::answered)] = 1000;
    r.stats.fates[static_cast<std::size_t>(request_fate::too_late)] = too_late;
    r.stats.statuses[200] = 1000;
    r.stats.pool.too_late_at_cap = at_cap;
    return r;
}

void pace(harness::hdr::histogram& h, std::int64_t us, int n = 100) {
    for (int i = 0; i < n; ++i) {
        h.record(us);
    }
}

TEST(load_limit, nothing_too_late_is_no_limit) {
    load_result r = capped_run(0, 0);
    EXPECT_EQ(find_load_limit(r).kind, load_limit::none);
    EXPECT_EQ(judge_load_run(r).kind, verdict_kind::passed);
}

TEST(load_limit, a_steady_target_and_a_small_cap_is_the_generators_budget_named_in_connections) {
    load_result r = capped_run(1260, 1260);
    pace(r.stats.pool.service_early, 80'000);
    pace(r.stats.pool.service_at_cap, 80'000);
    const load_limit_finding f = find_load_limit(r);
    EXPECT_EQ(f.kind, load_limit::connection_cap);
    EXPECT_NE(f.words.find("could not offer 400 req/s"), std::string::npos) << f.words;
    EXPECT_NE(f.words.find("= 32 connections are needed, the cap is 10"), std::string::npos) << f.words;
    const run_verdict v = judge_load_run(r);
    EXPECT_EQ(v.kind, verdict_kind::not_tested);
    EXPECT_EQ(exit_code_of(v), 2);
}

TEST(load_limit, a_target_whose_service_time_grew_at_the_cap_slowed_down_and_fails) {
    load_result r = capped_run(1354, 1354);
    pace(r.stats.pool.service_early, 5'000);
    pace(r.stats.pool.service_at_cap, 200'000);
    EXPECT_EQ(find_load_limit(r).kind, load_limit::target_slowed);
    const run_verdict v = judge_load_run(r);
    EXPECT_EQ(v.kind, verdict_kind::failed);
    EXPECT_EQ(exit_code_of(v), 1);
    EXPECT_NE(v.reason.find("the target slowed down"), std::string::npos) << v.reason;
}

TEST(load_limit, growth_up_to_the_factor_is_not_a_slowdown) {
    load_result r = capped_run(100, 100);
    pace(r.stats.pool.service_early, 80'000);
    pace(r.stats.pool.service_at_cap, 110'000); // 1.375 ×
    EXPECT_EQ(find_load_limit(r).kind, load_limit::connection_cap);
}

TEST(load_limit, slots_late_while_the_pool_had_room_are_the_generators_pace) {
    load_result r = capped_run(50, 0);
    pace(r.stats.service, 1'000);
    const load_limit_finding f = find_load_limit(r);
    EXPECT_EQ(f.kind, load_limit::generator_pace);
    EXPECT_EQ(judge_load_run(r).kind, verdict_kind::not_tested);
    EXPECT_NE(judge_load_run(r).reason.find("the generator fell behind"), std::string::npos);
}

TEST(load_limit, a_cap_that_covers_rate_times_service_time_is_not_blamed) {
    load_result r = capped_run(50, 50);
    pace(r.stats.pool.service_early, 1'000);
    pace(r.stats.pool.service_at_cap, 1'000); // 400 req/s × 1 ms needs 1 connection of the 10
    EXPECT_EQ(find_load_limit(r).kind, load_limit::generator_pace);
}

TEST(load_limit, results_without_a_pool_are_judged_by_their_thresholds_alone) {
    load_result r = capped_run(50, 0);
    r.connection_cap = 0; // closed loop, or written before the pool grew
    EXPECT_EQ(find_load_limit(r).kind, load_limit::none);
}

TEST(load_limit, streams_divide_the_connections_needed) {
    EXPECT_EQ(connections_needed(400, 80'000, 1), 32);
    EXPECT_EQ(connections_needed(400, 80'000, 8), 4);
    EXPECT_EQ(connections_needed(1, 1, 1), 1);
}

TEST(load_limit, names_read_back) {
    for (const load_limit l : {load_limit::none, load_limit::target_slowed, load_limit::connection_cap,
                               load_limit::generator_pace}) {
        EXPECT_EQ(load_limit_from_string(to_string(l)), l);
    }
}

} // namespace
