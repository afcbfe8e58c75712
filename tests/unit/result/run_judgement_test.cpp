#include "harness/result/run_judgement.hpp"

#include <gtest/gtest.h>

namespace {

using namespace harness::result;

TEST(run_verdict, maps_to_the_readme_exit_codes) {
    EXPECT_EQ(exit_code_of(run_verdict::pass()), 0);
    EXPECT_EQ(exit_code_of(run_verdict::fail("a case failed")), 1);
    EXPECT_EQ(exit_code_of(run_verdict::untested("refused")), 2);
    EXPECT_EQ(exit_code_of(run_verdict::interrupt("Ctrl-C")), 130);
    EXPECT_EQ(exit_code_of(run_verdict{}), 2); // nobody judged it: never a pass
}

TEST(run_verdict, words_read_back) {
    for (const verdict_kind kind :
         {verdict_kind::passed, verdict_kind::failed, verdict_kind::not_tested, verdict_kind::interrupted}) {
        EXPECT_EQ(parse_verdict_kind(to_string(kind)), kind);
    }
    EXPECT_FALSE(parse_verdict_kind("green").has_value());
}

case_outcome a_case(case_status status) {
    case_outcome c;
    c.suite = "s";
    c.name = "c";
    c.status = status;
    return c;
}

TEST(judge_verify_run, stopped_early_is_not_tested_even_with_failures) {
    verify_result run;
    run.cases = {a_case(case_status::failed)};
    const run_verdict v = judge_verify_run(
        run, {.stopped_because = "target not answering: timeout", .min_coverage = -1, .interrupted = false});
    EXPECT_EQ(v.kind, verdict_kind::not_tested);
    EXPECT_EQ(v.reason, "target not answering: timeout");
}

TEST(judge_verify_run, interrupted_is_its_own_verdict) {
    verify_result run;
    run.cases = {a_case(case_status::failed)};
    const run_verdict v =
        judge_verify_run(run, {.stopped_because = "interrupted", .min_coverage = -1, .interrupted = true});
    EXPECT_EQ(v.kind, verdict_kind::interrupted);
    EXPECT_EQ(exit_code_of(v), 130);
}

TEST(judge_verify_run, a_failed_case_fails_the_run) {
    verify_result run;
    run.cases = {a_case(case_status::passed), a_case(case_status::failed)};
    const run_verdict v = judge_verify_run(run, {});
    EXPECT_EQ(v.kind, verdict_kind::failed);
    EXPECT_EQ(v.reason, "1 of 2 case(s) failed");
}

TEST(judge_verify_run, the_background_load_decides_too) {
    verify_result run;
    run.cases = {a_case(case_status::passed)};
    run.under_load = background_load_summary{};
    run.under_load->intended = 100;
    run.under_load->answered = 0;
    run.under_load->first_failure = "connect: refused";
    EXPECT_EQ(judge_verify_run(run, {}).kind, verdict_kind::not_tested);
    run.under_load->answered = 98;
    run.under_load->error_ratio = 0.02;
    const run_verdict v = judge_verify_run(run, {});
    EXPECT_EQ(v.kind, verdict_kind::failed);
    EXPECT_NE(v.reason.find("2% of the background load's valid sends"), std::string::npos) << v.reason;
    run.under_load->error_ratio = 0.01;
    EXPECT_EQ(judge_verify_run(run, {}).kind, verdict_kind::passed);
}

TEST(judge_verify_run, coverage_below_the_gate_is_not_tested) {
    verify_result run;
    run.cases = {a_case(case_status::passed)};
    run.coverage = {{"a", "area", "", true, true, ""}, {"b", "area", "", false, true, "needs x"}};
    EXPECT_EQ(judge_verify_run(run, {.stopped_because = "", .min_coverage = 50, .interrupted = false}).kind,
              verdict_kind::passed);
    const run_verdict v =
        judge_verify_run(run, {.stopped_because = "", .min_coverage = 60, .interrupted = false});
    EXPECT_EQ(v.kind, verdict_kind::not_tested);
    EXPECT_NE(v.reason.find("coverage 50% is below --min-coverage 60%"), std::string::npos) << v.reason;
}

load_result answered(std::uint64_t intended, std::uint64_t answered_count) {
    load_result r;
    r.stats.intended = intended;
    r.stats.fates[static_cast<std::size_t>(request_fate::answered)] = answered_count;
    r.stats.fates[static_cast<std::size_t>(request_fate::reset)] = intended - answered_count;
    r.stats.statuses[200] = answered_count;
    return r;
}

TEST(judge_load_run, nothing_measured_or_answered_is_not_tested) {
    EXPECT_EQ(judge_load_run(answered(0, 0)).kind, verdict_kind::not_tested);
    load_result none = answered(10, 0);
    none.stats.first_failure = "reset: by peer";
    const run_verdict v = judge_load_run(none);
    EXPECT_EQ(v.kind, verdict_kind::not_tested);
    EXPECT_EQ(v.reason, "the target answered nothing, so it was not tested: reset: by peer");
}

TEST(judge_load_run, interrupted_then_missing_inputs_then_thresholds) {
    load_result r = answered(10, 10);
    EXPECT_EQ(judge_load_run(r).kind, verdict_kind::passed);
    r.missing_shards = {2};
    r.shard_count = 3;
    EXPECT_EQ(judge_load_run(r).reason, "shard 2/3 is missing");
    r.interrupted = true;
    EXPECT_EQ(judge_load_run(r).kind, verdict_kind::interrupted);
}

TEST(judge_load_run, evaluate_thresholds_draws_it) {
    load_result r = answered(10, 9);
    evaluate_thresholds(r, default_thresholds());
    EXPECT_EQ(r.verdict.kind, verdict_kind::failed); // 10 % failed, over errors<=1%
    EXPECT_NE(r.verdict.reason.find("threshold errors<=1% failed"), std::string::npos) << r.verdict.reason;
    evaluate_thresholds(r, {});
    EXPECT_TRUE(r.passed());
}

TEST(judge_replay_run, not_the_operation_is_not_tested) {
    verify_result run;
    run.cases = {a_case(case_status::failed)};
    EXPECT_EQ(judge_replay_run(run, false).kind, verdict_kind::not_tested);
    EXPECT_EQ(judge_replay_run(run, true).kind, verdict_kind::failed);
    run.cases = {a_case(case_status::passed)};
    EXPECT_EQ(judge_replay_run(run, true).kind, verdict_kind::passed);
}

TEST(combine_verdicts, the_worst_wins) {
    EXPECT_TRUE(combine_verdicts({}).passed());
    EXPECT_EQ(combine_verdicts({run_verdict::pass(), run_verdict::fail("x")}).kind, verdict_kind::failed);
    EXPECT_EQ(combine_verdicts({run_verdict::fail("x"), run_verdict::untested("y")}).reason, "y");
}

} // namespace
