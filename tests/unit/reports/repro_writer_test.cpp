// What `harness repro` explains and keeps as the bundle's summary.md: what was captured and sent, each reply
// with its timings and, in words, each rule it breaks; replies alike folded into one; how they differ; the
// verdict (reproduced, not reproduced, or not judged when the request is not the operation).

#include "report_samples.hpp"
#include "reports/repro_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

using testing::has_line;

const std::string broken_rule =
    "status 500: a request that keeps the contract never gets a 5xx (profile rule 7)";

http::exchange internal_error() {
    http::exchange e;
    e.request.target = "/v1/messages";
    e.response.status = 500;
    e.response.reason = "Internal Server Error";
    e.response.headers = {{"Content-Type", "application/json"}};
    e.response.body = R"({"success":false})";
    e.timings = {300, 0, 1200, 1500};
    return e;
}

struct repro_sample {
    repro::captured_request captured;
    repro::replay_request sent;
    repro::replay_findings findings;

    repro_sample() {
        captured.method = "POST";
        captured.url = "https://gateway.example.com/v1/messages";
        captured.origin = "capture.har entry 3";
        captured.notes = {"the Cookie header was dropped"};
        sent.target.host = "127.0.0.1";
        sent.target.port = 8080;
        sent.request.method = "POST";
        sent.request.target = "/v1/messages";
        sent.request.headers = {{"Authorization", "Bearer [redacted]"}};
        sent.request.body = R"({"itemUuid":"i-1"})";
        findings.expectation.is_operation = true;
        findings.expectation.summary = "200 and the stored message (a valid send)";
        result::case_outcome c;
        c.suite = "repro";
        c.name = "repro: capture.har entry 3";
        c.status = result::case_status::failed;
        c.exchanges = {internal_error(), internal_error()};
        c.checks = {{"status", checks::check_status::failed, "status 500, expected 200", "200", "500",
                     "profile rule 7", 0},
                    {"status", checks::check_status::failed, "status 500, expected 200", "200", "500",
                     "profile rule 7", 1}};
        findings.run.cases = {c};
        findings.reply_verdicts = {{broken_rule}, {broken_rule}};
        findings.breaking_replies = 2;
    }

    // The findings as judge_replays leaves them: their verdict drawn from the cases a test set.
    repro::replay_findings judged_findings() const {
        repro::replay_findings f = findings;
        f.run.verdict = result::judge_replay_run(f.run, f.expectation.is_operation);
        return f;
    }

    std::string explanation(int concurrency = 1) const {
        std::ostringstream out;
        write_repro_explanation(captured, sent, judged_findings(), concurrency, out);
        return out.str();
    }
};

TEST(repro_writer, says_what_was_captured_sent_and_expected) {
    const std::string text = repro_sample().explanation(2);
    EXPECT_EQ(text.rfind("repro  capture.har entry 3\n", 0), 0U) << text;
    EXPECT_TRUE(has_line(text, "  captured  POST https://gateway.example.com/v1/messages"));
    EXPECT_TRUE(has_line(text, "  sent to   http://127.0.0.1:8080  (2 replays, 2 at a time)")) << text;
    EXPECT_TRUE(has_line(text, "  note      the Cookie header was dropped"));
    EXPECT_TRUE(has_line(text, "  expect    200 and the stored message (a valid send)"));
    EXPECT_TRUE(has_line(text, "    POST /v1/messages"));
    EXPECT_TRUE(has_line(text, "    Authorization: Bearer [redacted]"));
    EXPECT_TRUE(has_line(text, R"(    {"itemUuid":"i-1"})"));
}

TEST(repro_writer, each_reply_with_timings_and_broken_rules_alike_ones_folded) {
    const std::string text = repro_sample().explanation();
    EXPECT_TRUE(has_line(text, "replay 1  500 Internal Server Error   connect 300µs · tls 0µs · first byte "
                               "1.200ms · total 1.500ms · HTTP/1.1"))
        << text;
    EXPECT_TRUE(has_line(text, R"(    {"success":false})"));
    EXPECT_TRUE(has_line(text, "  breaks the contract:"));
    EXPECT_TRUE(has_line(text, "    - " + broken_rule));
    EXPECT_TRUE(has_line(text, "    as replay 1")) << "the second reply is like the first: " << text;
    EXPECT_EQ(testing::occurrences(text, R"({"success":false})"), 1U);
    EXPECT_TRUE(has_line(text, "across 2 replays"));
    EXPECT_TRUE(has_line(text, "verdict  REPRODUCED: 2 of 2 replies break the contract")) << text;
}

TEST(repro_writer, not_reproduced_and_not_judged_are_their_own_verdicts) {
    repro_sample kept;
    kept.findings.run.cases[0].status = result::case_status::passed;
    kept.findings.run.cases[0].checks.clear();
    kept.findings.reply_verdicts = {{}, {}};
    kept.findings.breaking_replies = 0;
    const std::string text = kept.explanation();
    EXPECT_TRUE(has_line(text, "verdict  NOT REPRODUCED: every reply keeps the contract")) << text;
    EXPECT_TRUE(has_line(text, "  keeps the contract"));
    repro_sample other;
    other.findings.expectation.is_operation = false;
    EXPECT_NE(other.explanation().find("verdict  NOT JUDGED: the request is not the contract's operation"),
              std::string::npos);
}

TEST(repro_writer, the_bundle_summary_has_the_verdict_a_row_per_reply_and_the_checks) {
    const repro_sample r;
    std::ostringstream out;
    write_repro_markdown(r.captured, r.sent, r.judged_findings(), out);
    const std::string md = out.str();
    EXPECT_EQ(md.rfind("## harness repro: ❌ reproduced — 2 of 2 replies break the contract\n", 0), 0U) << md;
    EXPECT_TRUE(has_line(md, "**Expected:** 200 and the stored message (a valid send)"));
    EXPECT_TRUE(has_line(md, "| 1 | 500 Internal Server Error | 1.500ms | " + broken_rule + " |")) << md;
    EXPECT_TRUE(has_line(md, "| 2 | 500 Internal Server Error | 1.500ms | " + broken_rule + " |"));
    EXPECT_NE(md.find("### Contract checks: ❌ failed"), std::string::npos) << md;
}

} // namespace
} // namespace harness::reports
