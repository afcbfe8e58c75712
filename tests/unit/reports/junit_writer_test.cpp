// JUnit XML for CI dashboards: one <testsuite> per verify suite, one <testcase> per case (--junit-per-check:
// per check, a skipped case one skipped testcase), each failure with expected, actual, the rule and the
// request, a cause repeated by copies of a step once with ×N; coverage as a suite of its own, its gaps
// skipped; a load run as one testcase per threshold. Every name is escaped.

#include "report_samples.hpp"
#include "reports/junit_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

using testing::has_line;
using testing::judged;
using testing::occurrences;
using testing::sample_load;
using testing::sample_verify;

template <typename Result>
std::string junit(const Result& r) {
    std::ostringstream out;
    write_junit(r, out);
    return out.str();
}

std::string junit_per_check(const result::verify_result& r) {
    std::ostringstream out;
    write_junit(r, out, junit_shape::per_check);
    return out.str();
}

TEST(junit_writer, a_testcase_per_case_by_default) {
    const std::string xml = junit(sample_verify());
    // 3 cases + 4 coverage items + the verdict; one case failed, and so did the verdict.
    EXPECT_TRUE(has_line(xml, R"(<testsuites name="harness verify" tests="8" failures="2" time="1.234">)"))
        << xml;
    EXPECT_TRUE(has_line(xml, R"(  <testsuite name="conformance" tests="1" failures="0" skipped="0">)"))
        << xml;
    EXPECT_TRUE(has_line(xml, R"(  <testsuite name="auth" tests="2" failures="1" skipped="1">)")) << xml;
    EXPECT_TRUE(
        has_line(xml, R"(    <testcase classname="conformance" name="a valid send is stored" time="0"/>)"))
        << xml;
    EXPECT_TRUE(
        has_line(xml, R"(    <testcase classname="auth" name="an expired token is refused" time="0">)"))
        << xml;
    EXPECT_TRUE(has_line(xml, R"(      <skipped message="needs --expired-token-env"/>)")) << xml;
    EXPECT_NE(xml.find(R"(<testcase classname="auth" name="a send without token is refused" time="0">)"
                       "\n      <failure message=\"status 200, expected 401\" type=\"status\">"
                       "status: status 200, expected 401\nexpected: 401\nactual: 200\n"
                       "rule: profile rule 3 (failures.unauthenticated)\n\nrequest: POST /v1/messages\n"),
              std::string::npos)
        << xml;
    EXPECT_EQ(occurrences(xml, "<testcase "), 8U) << xml;
    // The coverage model's gaps are skipped testcases, as in the per-check shape.
    EXPECT_TRUE(has_line(xml, R"(      <skipped message="not covered: needs --store-url"/>)")) << xml;
}

// Copies of a step that fail alike are one cause with its count; a different cause of the same case follows
// it.
TEST(junit_writer, a_cause_repeated_in_a_case_is_written_once_with_its_count) {
    result::verify_result v = sample_verify();
    result::case_outcome& failed = v.cases[1];
    const checks::check_outcome copy = failed.checks[0];
    failed.checks.push_back(copy);
    failed.checks.push_back(copy);
    failed.checks.push_back(
        {"schema", checks::check_status::failed, "breaks the schema", "Envelope", "no code", "contract", 0});
    const std::string xml = junit(judged(v));
    EXPECT_NE(xml.find(R"(<failure message="status 200, expected 401 ×3; breaks the schema" type="status">)"
                       "status ×3: status 200, expected 401\n"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("\n\nschema: breaks the schema\nexpected: Envelope\nactual: no code\nrule: contract"),
              std::string::npos)
        << xml;
    EXPECT_EQ(occurrences(xml, "status 200, expected 401"), 2U) << "once in the message, once in the text\n"
                                                                << xml;
    EXPECT_EQ(occurrences(xml, "<failure "), 2U) << "the case and the verdict\n" << xml;
}

TEST(junit_writer, per_check_counts_every_check_skipped_case_and_coverage_item) {
    const std::string xml = junit_per_check(sample_verify());
    EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0U);
    // 3 checks + 1 skipped case + 4 coverage items; the run took 1.234 s.
    EXPECT_TRUE(has_line(xml, R"(<testsuites name="harness verify" tests="9" failures="2" time="1.234">)"))
        << xml;
    EXPECT_TRUE(has_line(xml, R"(  <testsuite name="conformance" tests="2" failures="0" skipped="0">)"))
        << xml;
    EXPECT_TRUE(has_line(xml, R"(  <testsuite name="auth" tests="2" failures="1" skipped="1">)")) << xml;
    EXPECT_EQ(occurrences(xml, "<testsuite "), 4U) << "conformance, auth, coverage and the verdict";
    EXPECT_TRUE(xml.ends_with("</testsuites>\n"));
}

TEST(junit_writer, per_check_a_failure_carries_expected_actual_rule_and_request) {
    const std::string xml = junit_per_check(sample_verify());
    EXPECT_NE(
        xml.find(R"(<testcase classname="auth.a send without token is refused" name="status #1" time="0">)"),
        std::string::npos)
        << xml;
    EXPECT_NE(xml.find(R"(<failure message="status 200, expected 401" type="status">)"
                       "expected: 401\nactual: 200\nrule: profile rule 3 (failures.unauthenticated)\n"
                       "request: POST /v1/messages\nContent-Type: application/json\n"
                       "Authorization: Bearer [redacted]\n"
                       "{&quot;itemUuid&quot;:&quot;i-1&quot;}</failure>"),
              std::string::npos)
        << xml;
    EXPECT_NE(
        xml.find(R"(<testcase classname="conformance.a valid send is stored" name="status" time="0"/>)"),
        std::string::npos);
}

TEST(junit_writer, per_check_a_skipped_case_and_an_uncovered_item_say_why) {
    const std::string xml = junit_per_check(sample_verify());
    EXPECT_NE(xml.find(R"(<testcase classname="auth.an expired token is refused" name="case" time="0">)"
                       "\n      <skipped message=\"needs --expired-token-env\"/>"),
              std::string::npos)
        << xml;
    EXPECT_TRUE(has_line(xml, R"(  <testsuite name="coverage" tests="4" failures="0" skipped="2">)")) << xml;
    EXPECT_TRUE(has_line(xml, R"(    <testcase classname="coverage.routing" name="route.post" time="0"/>)"));
    EXPECT_TRUE(has_line(xml, R"(      <skipped message="not covered: needs --store-url"/>)")) << xml;
}

TEST(junit_writer, names_are_escaped) {
    result::verify_result v = sample_verify();
    v.cases[0].name = R"(a <b> & "c")";
    for (const std::string& xml : {junit(v), junit_per_check(v)}) {
        EXPECT_NE(xml.find(R"(a &lt;b&gt; &amp; &quot;c&quot;")"), std::string::npos) << xml;
        EXPECT_EQ(xml.find("<b>"), std::string::npos);
    }
}

TEST(junit_writer, a_load_run_is_one_testcase_per_threshold) {
    const std::string xml = junit(sample_load());
    EXPECT_TRUE(has_line(xml, R"(<testsuites name="harness load" tests="4" failures="3" time="10">)")) << xml;
    EXPECT_TRUE(
        has_line(xml, R"(  <testsuite name="load http://gateway.test:8080" tests="2" failures="1">)"));
    EXPECT_TRUE(has_line(xml, R"x(      <failure message="p99&lt;5ms does not hold (actual 9.800ms)" )x"
                              R"x(type="threshold">actual: 9.800ms</failure>)x"))
        << xml;
    EXPECT_TRUE(has_line(xml, R"(    <testcase classname="load.thresholds" name="errors&lt;5%" time="0"/>)"))
        << xml;
    result::load_result without = sample_load();
    without.thresholds.clear();
    EXPECT_TRUE(has_line(junit(without), R"(    <testcase classname="load" name="accounting" time="10"/>)"))
        << junit(without);
    without.stats.intended += 1; // a request lost from the accounting
    EXPECT_NE(junit(without).find(R"(<failure message="requests lost from the accounting"/>)"),
              std::string::npos);
}

// An interrupted load whose thresholds held so far is not a passing JUnit: its verdict testcase fails, saying
// interrupted, and the totals count it (issue 25, row 8).
TEST(junit_writer, an_interrupted_load_fails_its_verdict_testcase) {
    result::load_result r = sample_load();
    r.thresholds.erase(r.thresholds.begin()); // errors<5% alone, which held
    r.stats.violations.clear();
    r.interrupted = true;
    r.verdict = result::judge_load_run(r);
    ASSERT_EQ(r.verdict.kind, result::verdict_kind::interrupted);
    const std::string xml = junit(r);
    EXPECT_TRUE(has_line(xml, R"(<testsuites name="harness load" tests="2" failures="1" time="10">)")) << xml;
    EXPECT_TRUE(has_line(xml, R"(    <testcase classname="harness.verdict" name="interrupted" time="0">)"))
        << xml;
    EXPECT_EQ(occurrences(xml, "<failure "), 1U) << xml;
}

// Issue 25 row 7: a failing testcase per rule the checked replies broke, its sample reply in the failure, and
// the store's tally as a testcase of its own.
TEST(junit_writer, a_load_run_has_a_failing_testcase_per_violated_rule_and_one_for_the_store) {
    result::load_result r = sample_load();
    r.store = result::load_result::store_tally{10, 900, 985, 6};
    const std::string xml = junit(r);
    EXPECT_TRUE(has_line(xml, R"(<testsuites name="harness load" tests="5" failures="4" time="10">)")) << xml;
    EXPECT_TRUE(has_line(xml, R"(  <testsuite name="load findings" tests="2" failures="2">)")) << xml;
    EXPECT_TRUE(has_line(xml, R"(    <testcase classname="load.violations" name="schema" time="0">)")) << xml;
    EXPECT_NE(xml.find(R"(<failure message="schema: 1 reply broke it" type="violation">rule: contract: )"
                       R"(responses/200 -&gt; ResponseWrapper)"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("sample: status 200: breaks ResponseWrapper: /success: type rule broken\nbody: "
                       "{&quot;success&quot;:&quot;yes&quot;}</failure>"),
              std::string::npos)
        << xml;
    EXPECT_TRUE(has_line(xml, R"(    <testcase classname="load.store" name="stored" time="0">)")) << xml;
    EXPECT_NE(
        xml.find(R"x(<failure message="accepted messages were not stored (profile rule 1)" type="stored">)x"),
        std::string::npos)
        << xml;
    r.store = result::load_result::store_tally{10, 995, 985, 6};
    EXPECT_TRUE(has_line(junit(r), R"(    <testcase classname="load.store" name="stored" time="0"/>)"))
        << junit(r);
}

// Every suite names the build that judged the run (issue 29: the version in every report) as its one
// property, in each shape and for a load run; a result written before versions names none.
TEST(junit_writer, every_suite_names_the_build_that_judged_the_run) {
    const std::string property =
        R"x(      <property name="harnessVersion" value="9.8.7 (commit 0123456789ab)"/>)x";
    result::verify_result v = sample_verify();
    v.harness_build = "9.8.7 (commit 0123456789ab)";
    result::load_result l = sample_load();
    l.harness_build = v.harness_build;
    l.store = result::load_result::store_tally{10, 900, 985, 6}; // the findings suite too
    for (const std::string& xml : {junit(v), junit_per_check(v), junit(l)}) {
        EXPECT_GT(occurrences(xml, "<testsuite "), 2U) << xml;
        EXPECT_EQ(occurrences(xml, property), occurrences(xml, "<testsuite ")) << xml;
        EXPECT_EQ(occurrences(xml, "<properties>"), occurrences(xml, "<testsuite ")) << xml;
        // Before the suite's testcases, as the schema orders them.
        EXPECT_NE(xml.find("\">\n    <properties>\n" + property + "\n    </properties>\n    <testcase "),
                  std::string::npos)
            << xml;
    }
    v.harness_build.clear();
    l.harness_build.clear();
    EXPECT_EQ(junit(v).find("<properties>"), std::string::npos) << junit(v);
    EXPECT_EQ(junit(l).find("<properties>"), std::string::npos) << junit(l);
}

} // namespace
} // namespace harness::reports
