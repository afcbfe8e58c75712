// The load generator's hot path allocates nothing: after warmup, the worker thread's heap allocations over tens
// of thousands of measured requests (without contract validation) stay at the few per second that the
// per-second interval log needs.

#include <gtest/gtest.h>

#include "harness/load/load_run.hpp"
#include "tests/support/mock_fixture.hpp"

std::uint64_t thread_allocation_count() noexcept;
bool allocation_counting_available() noexcept;

namespace harness::load {
namespace {

TEST(load_hot_path, allocates_nothing_per_request) {
    if (!allocation_counting_available()) {
        GTEST_SKIP() << "allocations are not counted under AddressSanitizer";
    }
    harness::testing::running_mock mock;
    harness::target::target_spec target;
    std::string error;
    target.url = *http::parse_target_url(mock.server().url(), error);
    target.project = harness::testing::running_mock::project;
    target.conversation = harness::testing::running_mock::conversation;
    target.token = harness::testing::running_mock::token;
    const contract::contract& c = mock.state().contract();
    load_plan plan;
    plan.target = &target;
    plan.operation = &c.operations().at(0);
    plan.profile = &mock.state().profile();
    plan.closed_loop_seconds = 2.5;
    plan.warmup_seconds = 0.5;
    plan.connections = 8;
    plan.validate_every = 0;
    plan.thread_allocations = &thread_allocation_count;
    std::atomic<bool> stop{false};
    const load_result result = run_load(plan, {}, stop);
    ASSERT_GT(result.stats.hot_path_requests, 5000u);
    const double per_request =
        static_cast<double>(result.stats.hot_path_allocations) / static_cast<double>(result.stats.hot_path_requests);
    RecordProperty("allocations_per_request", std::to_string(per_request));
    EXPECT_LT(per_request, 0.001) << result.stats.hot_path_allocations << " allocations over "
                                  << result.stats.hot_path_requests << " requests";
}

} // namespace
} // namespace harness::load
