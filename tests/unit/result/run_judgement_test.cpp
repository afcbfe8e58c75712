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

verify_run_facts facts_of(std::string stopped_because, double min_coverage, bool interrupted) {
    verify_run_facts facts;
    facts.stopped_because = std::move(stopped_because);
    facts.min_coverage = min_coverage;
    facts.interrupted = interrupted;
    return facts;
}

TEST(judge_verify_run, stopped_early_is_not_tested_even_with_failures) {
    verify_result run;
    run.cases = {a_case(case_status::failed)};
    const run_verdict v = judge_verify_run(run, facts_of("target not answering: timeout", -1, false));
    EXPECT_EQ(v.kind, verdict_kind::not_tested);
    EXPECT_EQ(v.reason, "target not answering: timeout");
}

TEST(judge_verify_run, interrupted_is_its_own_verdict) {
    verify_result run;
    run.cases = {a_case(case_status::failed)};
    const run_verdict v = judge_verify_run(run, facts_of("interrupted", -1, true));
    EXPECT_EQ(v.kind, verdict_kind::interrupted);
    EXPECT_EQ(exit_code_of(v), 130);
}

// A run whose every case skipped (a suite that needs HTTP/2 against an HTTP/1.1 server, say) exercised
// nothing: never a pass.
TEST(judge_verify_run, every_case_skipped_is_not_tested) {
    verify_result run;
    run.cases = {a_case(case_status::skipped), a_case(case_status::skipped)};
    const run_verdict v = judge_verify_run(run, {});
    EXPECT_EQ(v.kind, verdict_kind::not_tested);
    EXPECT_NE(v.reason.find("every case was skipped (2)"), std::string::npos) << v.reason;
    run.cases.push_back(a_case(case_status::passed));
    EXPECT_EQ(judge_verify_run(run, {}).kind, verdict_kind::passed);
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
    run.coverage = {{"a", "area", "", true, true, "", {}}, {"b", "area", "", false, true, "needs x", {}}};
    EXPECT_EQ(judge_verify_run(run, facts_of("", 50, false)).kind, verdict_kind::passed);
    const run_verdict v = judge_verify_run(run, facts_of("", 60, false));
    EXPECT_EQ(v.kind, verdict_kind::not_tested);
    EXPECT_NE(v.reason.find("coverage 50% is below --min-coverage 60%"), std::string::npos) << v.reason;
}

harness::http::exchange an_exchange(harness::http::outcome_kind outcome, std::string error = {}) {
    harness::http::exchange e;
    e.outcome = outcome;
    e.error = std::move(error);
    if (outcome == harness::http::outcome_kind::ok) {
        e.response.status = 200;
        e.response.body = "{not json";
    }
    return e;
}

case_outcome a_case_with(std::vector<harness::http::exchange> exchanges) {
    case_outcome c = a_case(case_status::failed);
    c.exchanges = std::move(exchanges);
    return c;
}

// Garbage, resets, truncation, an oversized reply, silence: a target that never got one complete HTTP
// response out was not tested, whatever the cases say, and the first failure is named.
TEST(judge_verify_run, nothing_answered_is_not_tested_naming_the_first_failure) {
    using harness::http::outcome_kind;
    verify_result run;
    run.cases = {a_case_with({an_exchange(outcome_kind::reset, "reading the response: End of file")}),
                 a_case_with({an_exchange(outcome_kind::protocol, "not an HTTP status line"),
                              an_exchange(outcome_kind::too_large, "larger than 8388608 bytes")})};
    run_verdict v = judge_verify_run(run, {});
    EXPECT_EQ(v.kind, verdict_kind::not_tested);
    EXPECT_EQ(exit_code_of(v), 2);
    EXPECT_EQ(v.reason,
              "the target answered nothing, so it was not tested: reset: reading the response: End of "
              "file");
    // The probe and the preflight come before the cases: their failure is the first.
    verify_run_facts facts;
    facts.first_failure_outside_cases = "timeout: reading the response: no complete response within 800 ms";
    v = judge_verify_run(run, facts);
    EXPECT_EQ(v.kind, verdict_kind::not_tested);
    EXPECT_EQ(v.reason,
              "the target answered nothing, so it was not tested: timeout: reading the response: no "
              "complete response within 800 ms");
    // Nothing sent but the probe, which failed: not tested either.
    run.cases = {a_case(case_status::skipped)};
    EXPECT_EQ(judge_verify_run(run, facts).kind, verdict_kind::not_tested);
}

// One complete HTTP response anywhere in the run (a case, the probe or preflight, the latency burst, the
// background load) and the target has answered: its broken replies are its failures.
TEST(judge_verify_run, once_the_target_answered_its_broken_replies_are_failures) {
    using harness::http::outcome_kind;
    verify_result run;
    run.cases = {a_case_with({an_exchange(outcome_kind::reset, "by peer")}),
                 a_case_with({an_exchange(outcome_kind::ok)})}; // a complete reply with a broken body
    EXPECT_EQ(judge_verify_run(run, {}).kind, verdict_kind::failed);
    run.cases = {a_case_with({an_exchange(outcome_kind::reset, "by peer")})};
    verify_run_facts facts;
    facts.answered_outside_cases = true;
    facts.first_failure_outside_cases = "reset: by peer";
    const run_verdict v = judge_verify_run(run, facts);
    EXPECT_EQ(v.kind, verdict_kind::failed);
    EXPECT_EQ(v.reason, "1 of 1 case(s) failed");
    run.under_load = background_load_summary{};
    run.under_load->intended = 10;
    run.under_load->answered = 1;
    run.under_load->error_ratio = 0.9;
    EXPECT_EQ(judge_verify_run(run, {}).kind, verdict_kind::failed);
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

// The preflight's send got a complete HTTP response before time zero, then every measured request broke: the
// target answered, so the run tested it and its broken replies fail it (as verify says of the same target).
TEST(judge_load_run, a_target_that_answered_the_preflight_was_tested) {
    load_result r = answered(10, 0);
    r.stats.first_failure = "reset: by peer";
    r.stats.answered_unmeasured = 1;
    evaluate_thresholds(r, default_thresholds());
    EXPECT_EQ(r.verdict.kind, verdict_kind::failed);
    EXPECT_EQ(exit_code_of(r.verdict), 1);
    EXPECT_NE(r.verdict.reason.find("threshold errors<=1% failed"), std::string::npos) << r.verdict.reason;
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

// A transport failure after connecting is what the replay found (exit 1), named first.
TEST(judge_replay_run, a_reply_that_broke_in_transport_reproduces_it_in_words) {
    using harness::http::outcome_kind;
    verify_result run;
    harness::http::exchange truncated = an_exchange(outcome_kind::reset, "reading the response: End of file");
    truncated.failed_after_headers = true;
    case_outcome c = a_case_with({truncated, truncated});
    c.checks = {{"transport", harness::checks::check_status::failed, "no complete response", "", "", "", 0},
                {"transport", harness::checks::check_status::failed, "no complete response", "", "", "", 1}};
    run.cases = {c};
    run_verdict v = judge_replay_run(run, true);
    EXPECT_EQ(v.kind, verdict_kind::failed);
    EXPECT_EQ(exit_code_of(v), 1);
    EXPECT_EQ(v.reason, "reset after the headers: 2 of 2 replies break the contract");
    // A reply that arrived whole and broke a rule: counted, no transport words.
    c.exchanges = {an_exchange(outcome_kind::ok), an_exchange(outcome_kind::ok)};
    c.checks.pop_back();
    run.cases = {c};
    v = judge_replay_run(run, true);
    EXPECT_EQ(v.kind, verdict_kind::failed);
    EXPECT_EQ(v.reason, "1 of 2 replies break the contract");
}

// Refused or TLS-refused every time: the replay never reached the target (exit 2). Once one connected, what
// happened after is the replay's finding.
TEST(judge_replay_reach, refused_or_tls_refused_every_time_is_not_tested) {
    using harness::http::outcome_kind;
    EXPECT_FALSE(judge_replay_reach({}, false).has_value());
    const auto refused = judge_replay_reach(
        {an_exchange(outcome_kind::connect, "cannot connect to 127.0.0.1:1: Connection refused"),
         an_exchange(outcome_kind::tls, "TLS handshake with 127.0.0.1 failed")},
        false);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->kind, verdict_kind::not_tested);
    EXPECT_EQ(exit_code_of(*refused), 2);
    EXPECT_EQ(refused->reason, "the target could not be reached, so nothing was replayed: cannot connect to "
                               "127.0.0.1:1: Connection refused");
    EXPECT_FALSE(judge_replay_reach({an_exchange(outcome_kind::connect, "refused"),
                                     an_exchange(outcome_kind::reset, "by peer")},
                                    false)
                     .has_value());
    EXPECT_FALSE(judge_replay_reach({an_exchange(outcome_kind::protocol, "not HTTP")}, false).has_value());
    const auto http1 = judge_replay_reach({an_exchange(outcome_kind::protocol, "not HTTP/2")}, true);
    ASSERT_TRUE(http1.has_value());
    EXPECT_EQ(http1->kind, verdict_kind::not_tested);
}

TEST(combine_verdicts, the_worst_wins) {
    EXPECT_TRUE(combine_verdicts({}).passed());
    EXPECT_EQ(combine_verdicts({run_verdict::pass(), run_verdict::fail("x")}).kind, verdict_kind::failed);
    EXPECT_EQ(combine_verdicts({run_verdict::fail("x"), run_verdict::untested("y")}).reason, "y");
}

} // namespace
