#include "harness/result/load_result.hpp"
#include "harness/result/threshold.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace harness::result {
namespace {

TEST(threshold, reads_latencies_in_microseconds_and_ratios_as_fractions) {
    const threshold p99 = parse_threshold("p99<50ms");
    EXPECT_EQ(p99.metric, "p99");
    EXPECT_DOUBLE_EQ(p99.percentile, 99);
    EXPECT_EQ(p99.op, "<");
    EXPECT_DOUBLE_EQ(p99.limit, 50000);
    EXPECT_DOUBLE_EQ(parse_threshold("p99.9<=1s").limit, 1e6);
    EXPECT_DOUBLE_EQ(parse_threshold("max<250us").limit, 250);
    EXPECT_DOUBLE_EQ(parse_threshold("errors<0.1%").limit, 0.001);
    EXPECT_DOUBLE_EQ(parse_threshold("rate>=95%").limit, 0.95);
    EXPECT_DOUBLE_EQ(parse_threshold("violations==0").limit, 0);
}

TEST(threshold, refuses_what_it_cannot_judge) {
    EXPECT_THROW(parse_threshold("p99<50"), std::invalid_argument); // a latency without unit
    EXPECT_THROW(parse_threshold("p0<5ms"), std::invalid_argument); // no such percentile
    EXPECT_THROW(parse_threshold("p101<5ms"), std::invalid_argument);
    EXPECT_THROW(parse_threshold("violations<1ms"), std::invalid_argument); // a count with a unit
    EXPECT_THROW(parse_threshold("latency<5ms"), std::invalid_argument);    // unknown metric
    EXPECT_THROW(parse_threshold("p99 50ms"), std::invalid_argument);       // no operator
}

std::string error_of(const std::string& text) {
    try {
        (void)parse_threshold(text);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

TEST(threshold, names_the_unknown_metric_and_lists_the_known_ones) {
    const std::string typo = error_of("erors<1%");
    EXPECT_NE(typo.find("unknown metric 'erors'"), std::string::npos) << typo;
    EXPECT_NE(typo.find("errors, rate, violations, mismatches"), std::string::npos) << typo;
    EXPECT_NE(error_of("avg<1ms").find("unknown metric 'avg'"), std::string::npos);
    // A share written as a whole number would always hold: it is refused, with the two ways to write it.
    const std::string share = error_of("errors<10");
    EXPECT_NE(share.find("write 10% or a fraction from 0 to 1"), std::string::npos) << share;
    EXPECT_NO_THROW(parse_threshold("errors<0.5"));
    EXPECT_NO_THROW(parse_threshold("errors<1"));
}

TEST(threshold, compares_with_each_operator) {
    EXPECT_TRUE(compare(1, "<", 2));
    EXPECT_FALSE(compare(2, "<", 2));
    EXPECT_TRUE(compare(2, "<=", 2));
    EXPECT_TRUE(compare(3, ">", 2));
    EXPECT_FALSE(compare(2, ">", 2));
    EXPECT_TRUE(compare(2, ">=", 2));
    EXPECT_TRUE(compare(2, "==", 2));
    EXPECT_FALSE(compare(2.5, "==", 2));
}

load_result run_with_latencies(std::initializer_list<std::int64_t> latencies_us) {
    load_result r;
    for (std::int64_t us : latencies_us) {
        r.stats.latency.record(us);
        ++r.stats.intended;
        ++r.stats.fates[static_cast<std::size_t>(request_fate::answered)];
        ++r.stats.statuses[200];
    }
    return r;
}

TEST(threshold, judges_the_result_it_is_given) {
    load_result r = run_with_latencies({1000, 2000, 3000, 100000});
    r.requested_rate = 100;
    r.achieved_rate = 90;
    evaluate_thresholds(r, {parse_threshold("max<50ms"), parse_threshold("p50<5ms"),
                            parse_threshold("rate>=0.95"), parse_threshold("errors<1%")});
    ASSERT_EQ(r.thresholds.size(), 4u);
    EXPECT_FALSE(r.thresholds[0].passed); // max is 100 ms
    EXPECT_NEAR(r.thresholds[0].actual, 100000, 100);
    EXPECT_TRUE(r.thresholds[1].passed);
    EXPECT_FALSE(r.thresholds[2].passed); // 0.9 of the requested rate
    EXPECT_NEAR(r.thresholds[2].actual, 0.9, 1e-9);
    EXPECT_TRUE(r.thresholds[3].passed);
    EXPECT_FALSE(r.passed());
}

TEST(threshold, counts_failed_requests_and_error_statuses_as_errors) {
    load_result r = run_with_latencies({1000, 1000, 1000});
    ++r.stats.intended;
    ++r.stats.fates[static_cast<std::size_t>(request_fate::reset)];
    r.stats.statuses[200] -= 1;
    r.stats.statuses[503] += 1;
    EXPECT_DOUBLE_EQ(r.error_ratio(), 0.5); // one reset and one 503 of four
    evaluate_thresholds(r, {parse_threshold("errors<10%")});
    EXPECT_FALSE(r.passed());
}

// Issue 25 row 7: the store's tally is its own metric. Messages stored against the rules fail stored==0, not
// violations==0 (which counts broken replies only); a run without a store tally is not judged by the default.
TEST(threshold, stored_is_how_far_the_store_lies_outside_what_the_replies_allow) {
    EXPECT_DOUBLE_EQ(parse_threshold("stored==0").limit, 0);
    EXPECT_EQ(parse_threshold("stored==0").metric, "stored");
    EXPECT_THROW(parse_threshold("stored<1%"), std::invalid_argument);
    load_result r = run_with_latencies({1000, 1000});
    r.store = load_result::store_tally{10, 12, 2, 0}; // 2 stored for 2 accepted
    EXPECT_EQ(r.store->against_rules(), 0u);
    r.store = load_result::store_tally{10, 17, 2, 3}; // 7 stored: 2 beyond 2 accepted + 3 unanswered
    EXPECT_EQ(r.store->against_rules(), 2u);
    r.store = load_result::store_tally{10, 11, 4, 3}; // 1 stored for 4 accepted: 3 lost
    EXPECT_EQ(r.store->against_rules(), 3u);
    evaluate_thresholds(r, default_thresholds());
    ASSERT_EQ(r.thresholds.size(), 3u);
    EXPECT_EQ(r.thresholds[2].rule.text, "stored==0");
    EXPECT_EQ(r.thresholds[2].actual, 3);
    EXPECT_FALSE(r.thresholds[2].passed);
    EXPECT_TRUE(r.thresholds[1].passed) << "lost messages are no broken replies: violations stays 0";
    EXPECT_EQ(r.stats.violating, 0u);
    EXPECT_FALSE(r.passed());
    EXPECT_NE(r.verdict.reason.find("stored==0"), std::string::npos) << r.verdict.reason;
}

TEST(threshold, stored_judges_only_runs_that_counted_the_store) {
    load_result r = run_with_latencies({1000});
    evaluate_thresholds(r, default_thresholds());
    ASSERT_EQ(r.thresholds.size(), 2u) << "no store tally: the default stored==0 is left out";
    EXPECT_TRUE(r.passed());
    evaluate_thresholds(r, {parse_threshold("stored==0")});
    ASSERT_EQ(r.thresholds.size(), 1u);
    EXPECT_FALSE(r.thresholds[0].passed) << "a user's threshold on stored without a count cannot hold";
    EXPECT_EQ(format_metric_value(r.thresholds[0].rule, r.thresholds[0].actual), "not counted");
}

} // namespace
} // namespace harness::result

namespace {

std::vector<std::string> texts(const std::vector<harness::result::threshold>& thresholds) {
    std::vector<std::string> out;
    for (const auto& t : thresholds) {
        out.push_back(t.text + (t.by_default ? " (default)" : ""));
    }
    return out;
}

TEST(thresholds_with_defaults, a_user_threshold_adds_to_the_defaults_or_replaces_its_own_metric) {
    using harness::result::parse_threshold;
    using harness::result::thresholds_with_defaults;
    EXPECT_EQ(
        texts(thresholds_with_defaults({}, true)),
        (std::vector<std::string>{"errors<=1% (default)", "violations==0 (default)", "stored==0 (default)"}));
    EXPECT_EQ(texts(thresholds_with_defaults({parse_threshold("p99<300ms")}, true)),
              (std::vector<std::string>{"p99<300ms", "errors<=1% (default)", "violations==0 (default)",
                                        "stored==0 (default)"}));
    EXPECT_EQ(texts(thresholds_with_defaults({parse_threshold("errors<5%")}, true)),
              (std::vector<std::string>{"errors<5%", "violations==0 (default)", "stored==0 (default)"}));
    EXPECT_EQ(texts(thresholds_with_defaults({parse_threshold("stored<=3")}, true)),
              (std::vector<std::string>{"stored<=3", "errors<=1% (default)", "violations==0 (default)"}));
    EXPECT_EQ(texts(thresholds_with_defaults({parse_threshold("p99<300ms")}, false)),
              (std::vector<std::string>{"p99<300ms"}));
}

} // namespace
