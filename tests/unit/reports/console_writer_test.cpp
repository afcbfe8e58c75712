// The verify console: the header names what was run against, one line per case under its suite, each
// failure with check, expected vs actual, the rule, the request and reply and a curl command; totals last.

#include "report_samples.hpp"
#include "reports/console_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

using testing::has_line;
using testing::judged;
using testing::sample_verify;

std::string console(const result::verify_result& v) {
    std::ostringstream out;
    write_console(v, out);
    return out.str();
}

TEST(console_writer, the_header_names_target_protocol_contract_and_profile) {
    const std::string text = console(sample_verify());
    EXPECT_EQ(text.rfind("verify http://gateway.test:8080\n", 0), 0U) << text;
    EXPECT_TRUE(has_line(text, "  protocol HTTP/1.1")) << text;
    EXPECT_TRUE(has_line(text, "  contract operator.yaml")) << text;
    EXPECT_TRUE(has_line(text, "  profile  profile.yaml")) << text;
    EXPECT_EQ(text.find("--under-load"), std::string::npos) << "no background load was asked for";
}

TEST(console_writer, one_line_per_case_under_its_suite_named_once) {
    const std::string text = console(sample_verify());
    EXPECT_TRUE(has_line(text, "conformance"));
    EXPECT_TRUE(has_line(text, "  ok    a valid send is stored"));
    EXPECT_TRUE(has_line(text, "  FAIL  a send without token is refused"));
    EXPECT_TRUE(has_line(text, "  skip  an expired token is refused  (needs --expired-token-env)")) << text;
    EXPECT_EQ(testing::occurrences(text, "\nauth\n"), 1U)
        << "the suite of two cases in a row, once: " << text;
}

TEST(console_writer, a_failure_shows_what_was_expected_the_rule_the_exchange_and_curl) {
    const std::string text = console(sample_verify());
    EXPECT_TRUE(has_line(text, "        status: status 200, expected 401")) << text;
    EXPECT_TRUE(has_line(text, "          expected: 401"));
    EXPECT_TRUE(has_line(text, "          actual:   200"));
    EXPECT_TRUE(has_line(text, "          rule:     profile rule 3 (failures.unauthenticated)"));
    EXPECT_TRUE(
        has_line(text, R"(          request:  POST http://gateway.test:8080/v1/messages {"itemUuid":"i-1"})"))
        << text;
    EXPECT_TRUE(has_line(text, R"(          response: 200 {"success":true})"));
    EXPECT_TRUE(has_line(text, "          curl:     curl -X POST 'http://gateway.test:8080/v1/messages' "
                               "-H 'Content-Type: application/json' -H 'Authorization: Bearer [redacted]' "
                               R"(--data-raw '{"itemUuid":"i-1"}')"))
        << text;
}

TEST(console_writer, totals_give_the_verdict_and_every_count) {
    const std::string text = console(sample_verify());
    EXPECT_TRUE(
        has_line(text, "FAILED: 1 passed, 1 failed, 1 skipped (3 cases, 3 checks, 1 failed) in 1234 ms"))
        << text;
    result::verify_result all_passed = sample_verify();
    all_passed.cases.erase(all_passed.cases.begin() + 1);
    EXPECT_TRUE(has_line(console(judged(all_passed)),
                         "PASSED: 1 passed, 0 failed, 1 skipped (2 cases, 2 checks, 0 failed) in 1234 ms"));
}

TEST(console_writer, a_long_body_is_trimmed_and_left_out_of_curl) {
    result::verify_result v = sample_verify();
    v.cases[1].exchanges[0].request.body = std::string(5000, 'x');
    const std::string text = console(v);
    EXPECT_TRUE(has_line(text, "          curl:     (a body of 5000 bytes: see the JSON result)")) << text;
    EXPECT_NE(text.find(std::string(200, 'x') + "…"), std::string::npos);
    EXPECT_EQ(text.find(std::string(201, 'x')), std::string::npos) << "the request line holds 200 characters";
}

TEST(console_writer, under_load_says_what_the_background_load_did) {
    result::verify_result v = sample_verify();
    v.under_load_rate = 50;
    result::background_load_summary load;
    load.requested_rate = 50;
    load.achieved_rate = 49.5;
    load.measured_seconds = 12;
    load.answered = 594;
    load.failed = 2;
    load.p50_us = 800;
    load.p99_us = 2500;
    load.max_us = 9000;
    load.error_ratio = 0.005;
    load.first_failure = "reset: gone";
    v.under_load = load;
    v.cases[1].under_load = true;
    v.cases[1].load_second = 3.5;
    std::ostringstream out;
    write_console(v, out);
    write_console_under_load(v, out);
    const std::string text = out.str();
    EXPECT_TRUE(has_line(text, "  load     50 req/s of valid sends in the background while every case runs "
                               "(--under-load)"))
        << text;
    EXPECT_TRUE(
        has_line(text, "  FAIL  a send without token is refused  (under load, second 3.5 of the load)"))
        << text;
    EXPECT_TRUE(has_line(text,
                         "under load  50 req/s requested, 49.5 achieved over 12.0 s; latency p50 800µs, p99 "
                         "2.500ms, max 9.000ms; 594 answered, 2 failed, 0 other statuses (0.50% failed)"))
        << text;
    EXPECT_TRUE(has_line(text, "            first failure: reset: gone"));
}

} // namespace
} // namespace harness::reports
