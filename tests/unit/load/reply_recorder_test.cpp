// reply_recorder: where every slot of a load thread ends, exactly once — warmup, too late, failed by class,
// or answered with its latency from the intended send time (not from when it went out: a late send is the
// target's queueing, and hiding it is coordinated omission) — and each second handed to the interval log.
// Times are made up: nothing here reads a clock.

#include "harness/load/interval_log.hpp"
#include "harness/load/reply_recorder.hpp"

#include <gtest/gtest.h>

namespace harness::load {
namespace {

using clock = reply_recorder::clock;
using fate = harness::result::request_fate;
using std::chrono::microseconds;
using std::chrono::milliseconds;

const clock::time_point zero{std::chrono::hours(1)};

struct recording {
    interval_log intervals{1};
    reply_recorder recorder{0, intervals, nullptr};
    recording() { recorder.start(zero); }
    const harness::result::load_stats& stats() const { return recorder.stats(); }
};

TEST(reply_recorder, latency_counts_from_the_intended_time_service_from_the_send) {
    recording r;
    // Due at 100 ms, sent 1.2 ms late (no connection was free), answered 0.3 ms after it went out.
    const clock::time_point intended = zero + milliseconds(100);
    r.recorder.answered(200, 200, -1, intended, intended + microseconds(1200), intended + microseconds(1500));
    EXPECT_EQ(r.stats().intended, 1U);
    EXPECT_EQ(r.stats().count(fate::answered), 1U);
    EXPECT_EQ(r.stats().statuses[200], 1U);
    EXPECT_EQ(r.stats().latency.max(), 1500);
    EXPECT_EQ(r.stats().service.max(), 300);
    EXPECT_EQ(r.recorder.progress().answered, 1U);
    EXPECT_EQ(r.recorder.progress().other_status, 0U);
}

TEST(reply_recorder, every_slot_ends_in_exactly_one_fate) {
    recording r;
    r.recorder.warmup();
    r.recorder.too_late();
    r.recorder.failed(fate::reset, "the peer closed the connection");
    r.recorder.failed(fate::timeout, "no reply within 800 ms");
    r.recorder.answered(500, 200, -1, zero, zero, zero + microseconds(10));
    const auto& s = r.stats();
    EXPECT_EQ(s.warmup, 1U) << "a warmup slot is not measured";
    EXPECT_EQ(s.intended, 4U);
    EXPECT_EQ(s.accounted(), s.intended);
    EXPECT_EQ(s.count(fate::too_late), 1U);
    EXPECT_EQ(s.count(fate::reset), 1U);
    EXPECT_EQ(s.count(fate::timeout), 1U);
    EXPECT_EQ(s.count(fate::answered), 1U);
    EXPECT_EQ(s.statuses[500], 1U);
    EXPECT_EQ(s.first_failure, "reset: the peer closed the connection") << "the first failure only, in words";
    const harness::result::progress_counts p = r.recorder.progress();
    EXPECT_EQ(p.answered, 1U);
    EXPECT_EQ(p.other_status, 1U) << "a 500 where 200 was expected";
    EXPECT_EQ(p.failed, 2U);
    EXPECT_EQ(p.too_late, 1U);
}

TEST(reply_recorder, each_second_goes_to_the_interval_log_with_its_requests_and_errors) {
    recording r;
    r.recorder.answered(200, 200, -1, zero, zero, zero + microseconds(400));
    r.recorder.answered(503, 200, -1, zero, zero, zero + microseconds(900));
    r.recorder.advance_to(zero + milliseconds(1500)); // second 0 is over
    ASSERT_EQ(r.intervals.timeline().size(), 1U);
    // As the worker does: first the clock moves on (second 1 passed empty), then the slot is counted.
    const clock::time_point later = zero + milliseconds(2100);
    r.recorder.advance_to(later);
    r.recorder.too_late();
    r.recorder.answered(200, 200, -1, later, later, later + microseconds(700));
    r.recorder.finish(); // second 2, in progress, too
    const auto timeline = r.intervals.timeline();
    ASSERT_EQ(timeline.size(), 3U);
    EXPECT_EQ(timeline[0].second, 0U);
    EXPECT_EQ(timeline[0].requests, 2U);
    EXPECT_EQ(timeline[0].errors, 1U) << "the 503";
    EXPECT_EQ(timeline[0].max_us, 900);
    EXPECT_EQ(timeline[1].requests, 0U);
    EXPECT_EQ(timeline[2].requests, 1U);
    EXPECT_EQ(timeline[2].errors, 1U) << "the slot sent too late";
    EXPECT_EQ(timeline[2].max_us, 700);
    EXPECT_EQ(r.intervals.lines().size(), 3U) << "one .hlog line per second";
}

// Issue 25 row 7: each second says which classes of failure it had, so a reset is never read as a broken
// rule.
TEST(reply_recorder, each_second_names_the_classes_of_its_failures) {
    using harness::result::failure_class;
    recording r;
    r.recorder.failed(fate::reset, "the peer closed the connection");
    r.recorder.failed(fate::reset, "the peer closed the connection");
    r.recorder.answered(503, 200, -1, zero, zero, zero + microseconds(100));
    r.recorder.answered(200, 200, -1, zero, zero, zero + microseconds(100));
    r.recorder.advance_to(zero + milliseconds(1200));
    r.recorder.too_late();
    r.recorder.failed(fate::timeout, "no reply within 800 ms");
    r.recorder.finish();
    const auto timeline = r.intervals.timeline();
    ASSERT_EQ(timeline.size(), 2U);
    const auto at = [](const harness::result::timeline_entry& e, failure_class c) {
        return e.classes[static_cast<std::size_t>(c)];
    };
    EXPECT_EQ(at(timeline[0], failure_class::reset), 2U);
    EXPECT_EQ(at(timeline[0], failure_class::status), 1U) << "the 503 where 200 was expected";
    EXPECT_EQ(at(timeline[0], failure_class::violation), 0U) << "a reset breaks no rule of the contract";
    EXPECT_EQ(at(timeline[0], failure_class::too_late), 0U);
    EXPECT_EQ(at(timeline[1], failure_class::too_late), 1U);
    EXPECT_EQ(at(timeline[1], failure_class::timeout), 1U);
    EXPECT_EQ(at(timeline[1], failure_class::reset), 0U) << "each second starts from nothing";
}

TEST(interval_log, a_count_found_late_goes_to_its_second_open_or_done) {
    using harness::result::failure_class;
    interval_log log(2);
    const hdr::histogram empty;
    log.contribute(0, empty, 1, 0);
    log.contribute(0, empty, 1, 0); // second 0 is done
    log.contribute(1, empty, 1, 0); // second 1 waits for the other thread
    log.add_late(0, failure_class::violation, 2);
    log.add_late(1, failure_class::violation, 3);
    log.contribute(1, empty, 1, 0);
    const auto timeline = log.timeline();
    ASSERT_EQ(timeline.size(), 2U);
    EXPECT_EQ(timeline[0].classes[static_cast<std::size_t>(failure_class::violation)], 2U);
    EXPECT_EQ(timeline[1].classes[static_cast<std::size_t>(failure_class::violation)], 3U);
}

TEST(reply_recorder, a_mix_counts_each_kind_against_its_own_oracle) {
    recording r;
    r.recorder.count_kinds();
    constexpr int no_auth = static_cast<int>(harness::result::request_kind::no_auth);
    constexpr int new_message = static_cast<int>(harness::result::request_kind::new_message);
    r.recorder.answered(401, 401, no_auth, zero, zero, zero + microseconds(50));
    r.recorder.answered(200, 401, no_auth, zero, zero, zero + microseconds(60));
    r.recorder.failed(fate::connect, "refused", new_message);
    const auto& kinds = r.stats().kinds;
    ASSERT_EQ(kinds.size(), harness::result::request_kind_count);
    EXPECT_EQ(kinds[no_auth].intended, 2U);
    EXPECT_EQ(kinds[no_auth].answered, 2U);
    EXPECT_EQ(kinds[no_auth].wrong_status, 1U) << "the 200 a request without credential got";
    EXPECT_EQ(kinds[no_auth].held(), 1U);
    EXPECT_EQ(kinds[no_auth].latency.max(), 60);
    EXPECT_EQ(kinds[new_message].intended, 1U);
    EXPECT_EQ(kinds[new_message].failed, 1U);
    EXPECT_EQ(kinds[new_message].held(), 0U);
}

TEST(reply_recorder, the_generators_own_lateness_is_kept_apart) {
    recording r;
    r.recorder.generator_late(microseconds(250));
    r.recorder.generator_late(microseconds(-5)); // early wake-ups count as on time
    EXPECT_EQ(r.stats().generator_lag.total_count(), 2);
    EXPECT_EQ(r.stats().generator_lag.max(), 250);
    EXPECT_EQ(r.stats().generator_lag.min(), 0);
    EXPECT_EQ(r.stats().latency.total_count(), 0) << "not a reply's latency";
}

std::uint64_t fake_allocations = 0;
std::uint64_t count_fake_allocations() noexcept {
    return fake_allocations;
}

TEST(reply_recorder, counts_allocations_from_the_first_measured_reply_on) {
    recording r;
    fake_allocations = 100; // set-up allocations, before measuring
    r.recorder.answered(200, 200, -1, zero, zero, zero + microseconds(5));
    r.recorder.track_allocations(&count_fake_allocations); // the first: the baseline
    for (int i = 0; i < 4; ++i) {
        r.recorder.answered(200, 200, -1, zero, zero, zero + microseconds(5));
    }
    fake_allocations = 103;
    r.recorder.track_allocations(&count_fake_allocations);
    EXPECT_EQ(r.stats().hot_path_allocations, 3U);
    EXPECT_EQ(r.stats().hot_path_requests, 4U);
    r.recorder.track_allocations(nullptr); // no counter: nothing changes
    EXPECT_EQ(r.stats().hot_path_allocations, 3U);
}

} // namespace
} // namespace harness::load
