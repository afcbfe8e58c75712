// The load generator's hot path allocates nothing per request, with every reply sampled for validation: after
// warmup, the worker thread's heap allocations stay within a fixed budget per second of the timeline crossed
// (the per-second interval hand-over), however many requests the machine manages to send in that time. A
// single allocation per request would exceed the budget by orders of magnitude.

#include "bench/allocation_counter.hpp"
#include "harness/load/load_run.hpp"
#include "tests/support/mock_fixture.hpp"

#include <gtest/gtest.h>

namespace harness::load {
namespace {

// What handing one second to the interval log may cost (a map node, the merged histogram's counts, the
// timeline entry and the .hlog line), with room to spare.
constexpr std::uint64_t allocations_per_second_budget = 64;

// A closed-loop plan against `mock` that counts the worker thread's allocations after a short warm-up.
load_plan counted_plan(harness::testing::running_mock& mock, harness::target::target_spec& target) {
    std::string error;
    target.url = *http::parse_target_url(mock.server().url(), error);
    target.project = harness::testing::running_mock::project;
    target.conversation = harness::testing::running_mock::conversation;
    target.token = harness::testing::running_mock::token;
    load_plan plan;
    plan.target = &target;
    plan.operation = &mock.state().contract().operations().at(0);
    plan.profile = &mock.state().profile();
    plan.closed_loop_seconds = 2.5;
    plan.warmup_seconds = 0.5;
    plan.connections = 8;
    plan.validate_every = 1;
    plan.thread_allocations = &harness::bench::allocation_count;
    return plan;
}

// Enough requests that one allocation each would dwarf the per-second budget, on any machine; and no more
// allocations than the budget of the seconds crossed.
void expect_nothing_per_request(const harness::result::load_stats& stats) {
    ASSERT_GT(stats.hot_path_requests, 4 * allocations_per_second_budget * (stats.hot_path_seconds + 1));
    EXPECT_EQ(stats.violating, 0u);
    EXPECT_LE(stats.hot_path_allocations, allocations_per_second_budget * (stats.hot_path_seconds + 1))
        << stats.hot_path_allocations << " allocations over " << stats.hot_path_requests << " requests and "
        << stats.hot_path_seconds << " seconds crossed";
}

TEST(load_hot_path, allocates_nothing_per_validated_request) {
    if (!harness::bench::allocation_counting_available()) {
        GTEST_SKIP() << "allocations are not counted under AddressSanitizer";
    }
    harness::testing::running_mock mock;
    harness::target::target_spec target;
    load_plan plan = counted_plan(mock, target);
    plan.resend_ratio = 0.1;
    std::atomic<bool> stop{false};
    const harness::result::load_result result = run_load(plan, {}, stop);
    const harness::result::load_stats& stats = result.stats;
    // Enough requests that one allocation each would dwarf the per-second budget, on any machine.
    ASSERT_GT(stats.hot_path_requests, 4 * allocations_per_second_budget * (stats.hot_path_seconds + 1));
    EXPECT_GT(stats.validated, 0u);
    EXPECT_EQ(stats.violating, 0u);
    EXPECT_GT(stats.resends_checked, 0u);
    RecordProperty("allocations", std::to_string(stats.hot_path_allocations));
    RecordProperty("requests", std::to_string(stats.hot_path_requests));
    EXPECT_LE(stats.hot_path_allocations, allocations_per_second_budget * (stats.hot_path_seconds + 1))
        << stats.hot_path_allocations << " allocations over " << stats.hot_path_requests << " requests and "
        << stats.hot_path_seconds << " seconds crossed";
}

// The same with a mix of every request kind (each kind its own serialised request, its own oracle and latency
// histogram, refusals checked for their error.code on the validator's thread): still nothing per request.
TEST(load_hot_path, allocates_nothing_per_request_of_a_mix) {
    if (!harness::bench::allocation_counting_available()) {
        GTEST_SKIP() << "allocations are not counted under AddressSanitizer";
    }
    harness::testing::running_mock mock;
    harness::target::target_spec target;
    load_plan plan = counted_plan(mock, target);
    plan.mix = workload_mix::parse("all", target, *plan.profile);
    std::atomic<bool> stop{false};
    const harness::result::load_result result = run_load(plan, {}, stop);
    const harness::result::load_stats& stats = result.stats;
    ASSERT_GT(stats.hot_path_requests, 4 * allocations_per_second_budget * (stats.hot_path_seconds + 1));
    ASSERT_EQ(stats.kinds.size(), harness::result::request_kind_count);
    for (const auto& kind : stats.kinds) {
        EXPECT_EQ(kind.not_held(), 0u) << kind.first_problem;
    }
    EXPECT_GT(stats.kinds[static_cast<std::size_t>(harness::result::request_kind::no_auth)].held(), 0u);
    EXPECT_LE(stats.hot_path_allocations, allocations_per_second_budget * (stats.hot_path_seconds + 1))
        << stats.hot_path_allocations << " allocations over " << stats.hot_path_requests << " requests and "
        << stats.hot_path_seconds << " seconds crossed";
}

// Over HTTP/2 (h2c to the mock) with `streams` lanes per connection: nghttp2's framing and HPACK with their
// memory from the session's own pool (h2_memory, through operator new, so counted here), several lanes
// sharing a session whose stream states come from its own free list: still nothing per request.
void expect_nothing_per_request_over_http2(int connections, int streams) {
    if (!harness::bench::allocation_counting_available()) {
        GTEST_SKIP() << "allocations are not counted under AddressSanitizer";
    }
    harness::testing::running_mock mock;
    harness::target::target_spec target;
    load_plan plan = counted_plan(mock, target);
    target.client.http = http::http_version::http2;
    plan.connections = connections;
    plan.streams = streams;
    std::atomic<bool> stop{false};
    const harness::result::load_result result = run_load(plan, {}, stop);
    EXPECT_EQ(result.protocol, "HTTP/2");
    EXPECT_EQ(result.streams, streams);
    expect_nothing_per_request(result.stats);
}

TEST(load_hot_path, allocates_nothing_per_request_over_http2) {
    expect_nothing_per_request_over_http2(8, 1);
}

TEST(load_hot_path, allocates_nothing_per_request_over_http2_streams) {
    expect_nothing_per_request_over_http2(2, 8);
}

} // namespace
} // namespace harness::load
