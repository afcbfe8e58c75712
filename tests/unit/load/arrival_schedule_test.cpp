#include "harness/load/arrival_queue.hpp"
#include "harness/load/arrival_schedule.hpp"

#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

namespace harness::load {
namespace {

TEST(arrival_schedule, a_constant_rate_spaces_arrivals_evenly) {
    const arrival_schedule s(100, 2);
    EXPECT_EQ(s.total_arrivals(), 200u);
    EXPECT_DOUBLE_EQ(s.duration(), 2);
    EXPECT_DOUBLE_EQ(s.max_rate(), 100);
    EXPECT_NEAR(s.time_of(0), 0.0, 1e-9);
    EXPECT_NEAR(s.time_of(1), 0.01, 1e-9);
    EXPECT_NEAR(s.time_of(199), 1.99, 1e-9);
    EXPECT_DOUBLE_EQ(s.rate_at(1.5), 100);
}

TEST(arrival_schedule, a_ramp_spends_the_area_under_its_rate) {
    // 0 -> 100 req/s over 2 s: 100 arrivals, denser at the end; then 1 s at 100: 100 more.
    const arrival_schedule s(parse_stages("2s:100,1s:100"));
    EXPECT_EQ(s.total_arrivals(), 200u);
    EXPECT_DOUBLE_EQ(s.duration(), 3);
    EXPECT_NEAR(s.rate_at(1), 50, 1e-9);
    // Half the ramp's arrivals fall after sqrt(1/2) of its time (the rate grows linearly).
    EXPECT_NEAR(s.time_of(50), 2 * std::sqrt(0.5), 0.02);
    EXPECT_GT(s.time_of(1) - s.time_of(0), s.time_of(99) - s.time_of(98));
    for (std::uint64_t i = 1; i < s.total_arrivals(); ++i) {
        ASSERT_GE(s.time_of(i), s.time_of(i - 1)) << i;
    }
}

TEST(arrival_schedule, reads_durations_and_stages_and_names_bad_parts) {
    EXPECT_DOUBLE_EQ(parse_duration("10s"), 10);
    EXPECT_DOUBLE_EQ(parse_duration("500ms"), 0.5);
    EXPECT_DOUBLE_EQ(parse_duration("2m"), 120);
    EXPECT_THROW(parse_duration("ten"), std::invalid_argument);
    const auto stages = parse_stages("10s:1000,500ms:0");
    ASSERT_EQ(stages.size(), 2u);
    EXPECT_DOUBLE_EQ(stages[1].seconds, 0.5);
    EXPECT_DOUBLE_EQ(stages[0].target_rate, 1000);
    EXPECT_THROW(parse_stages("10s"), std::invalid_argument);
    EXPECT_THROW(parse_stages("10s:-5"), std::invalid_argument);
}

TEST(arrival_queue, threads_share_the_schedule_without_overlap) {
    const arrival_schedule s(10, 1); // arrivals at 0.0, 0.1, …, 0.9
    const auto zero = arrival_queue::clock::time_point{};
    arrival_queue even(s, 0, 2, zero, 1.0);
    arrival_queue odd(s, 1, 2, zero, 1.0);
    EXPECT_EQ(*even.next_arrival() - zero, std::chrono::nanoseconds(0));
    EXPECT_NEAR(std::chrono::duration<double>(*odd.next_arrival() - zero).count(), 0.1, 1e-6);
}

TEST(arrival_queue, every_arrival_is_sent_or_handed_back_as_too_late) {
    const arrival_schedule s(10, 1);
    const auto zero = arrival_queue::clock::time_point{};
    arrival_queue queue(s, 0, 1, zero, 0.25);
    int too_late = 0;
    const auto late = [&](arrival_queue::clock::time_point) {
        ++too_late;
    };
    // At 0.55 s, six arrivals are due (0.0 … 0.5); those older than 0.25 s (0.0 … 0.2) are too late.
    queue.collect(zero + std::chrono::milliseconds(550), late);
    EXPECT_EQ(too_late, 3);
    int sent = 0;
    while (!queue.empty()) {
        queue.pop();
        ++sent;
    }
    EXPECT_EQ(sent, 3);
    // The rest, all at once at the end: none older than 0.25 s at 1.0 s except 0.6 and 0.7.
    queue.collect(zero + std::chrono::milliseconds(1000), late);
    while (!queue.empty()) {
        queue.pop();
        ++sent;
    }
    EXPECT_EQ(sent + too_late, 10);
    EXPECT_FALSE(queue.next_arrival().has_value());
}

} // namespace
} // namespace harness::load
