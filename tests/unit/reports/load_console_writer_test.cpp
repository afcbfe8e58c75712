// The load console: the run's shape, every intended request accounted for, latency by percentile, statuses
// and errors by class, the contract sample, thresholds with their unit, and the verdict.

#include "report_samples.hpp"
#include "reports/load_console_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

using testing::has_line;
using testing::judged;
using testing::sample_load;

std::string console(const result::load_result& r) {
    std::ostringstream out;
    write_console(r, out);
    return out.str();
}

TEST(load_console_writer, names_the_run_and_accounts_every_intended_request) {
    const std::string text = console(sample_load());
    EXPECT_EQ(
        text.rfind("load http://gateway.test:8080 (HTTP/1.1, open loop, 2 thread(s), 4 connections)\n", 0),
        0U)
        << text;
    EXPECT_TRUE(has_line(text, "  rate      requested 100.0 req/s   achieved 99.0 req/s   (99.0%)")) << text;
    EXPECT_TRUE(has_line(text, "  requests  1000 intended, 990 answered, 6 failed, 4 too late to send"))
        << text;
    EXPECT_TRUE(has_line(text, "            3 answered with another status than 200: failed requests"))
        << text;
    EXPECT_TRUE(has_line(text, "  failed    1.30% of intended requests")) << text;
}

TEST(load_console_writer, latency_is_from_the_intended_time_in_the_open_loop) {
    const std::string text = console(sample_load());
    EXPECT_NE(text.find("latency (from the intended send time, coordinated omission corrected)"),
              std::string::npos);
    for (const char* label : {"p50", "p99", "p99.999", "max", "mean", "stdev"}) {
        EXPECT_NE(text.find("\n  " + std::string(label) + " "), std::string::npos) << label << ": " << text;
    }
    result::load_result closed = sample_load();
    closed.mode = "closed";
    const std::string closed_text = console(closed);
    EXPECT_NE(closed_text.find("latency (from the send time)"), std::string::npos) << closed_text;
    EXPECT_TRUE(
        has_line(closed_text, "  rate      achieved 99.0 req/s (closed loop: as fast as replies allow)"));
}

TEST(load_console_writer, statuses_errors_and_the_contract_sample) {
    const std::string text = console(sample_load());
    EXPECT_TRUE(has_line(text, "  statuses  200:987 503:3")) << text;
    EXPECT_NE(text.find("\n  errors    connect:0 tls:0 timeout:0 reset:6 protocol:0 too_large:0 too_late:4"),
              std::string::npos)
        << "HTTP/2's classes only over HTTP/2: " << text;
    EXPECT_TRUE(has_line(text, "            first: reset: the peer closed the connection"));
    EXPECT_TRUE(has_line(text, "  contract  99 replies checked (1 in 10), 1 broke it")) << text;
}

TEST(load_console_writer, thresholds_with_their_unit_then_the_verdict) {
    const std::string text = console(sample_load());
    EXPECT_TRUE(has_line(text, "    FAIL  p99<5ms   (actual 9.800ms)")) << text;
    EXPECT_TRUE(has_line(text, "    ok    errors<5%   (actual 1.30%)")) << text;
    EXPECT_TRUE(has_line(text, "FAILED: 1000 requests, 1 of 2 threshold(s) failed")) << text;
    result::load_result interrupted = sample_load();
    interrupted.thresholds.pop_back();
    interrupted.thresholds.front().passed = true;
    interrupted.interrupted = true;
    const std::string stopped = console(judged(interrupted));
    EXPECT_TRUE(has_line(stopped, "INTERRUPTED: 1000 requests, 0 of 1 threshold(s) failed")) << stopped;
    EXPECT_NE(stopped.find(", interrupted)"), std::string::npos);
}

// Durations with the micro sign, as HTML and Markdown write them, and the latency table still aligned: "µ" is
// two bytes but one column, so each row's figures end where the header's do.
TEST(load_console_writer, microseconds_are_written_with_the_micro_sign_in_aligned_columns) {
    result::load_result fast = sample_load();
    fast.stats.latency.reset();
    fast.stats.service.reset();
    for (int i = 1; i <= 100; ++i) {
        fast.stats.latency.record(i * 5); // 5 µs … 500 µs
        fast.stats.service.record(i * 4);
    }
    fast.thresholds = {{result::parse_threshold("p99<1us"), 495, false}};
    const std::string text = console(judged(fast));
    EXPECT_EQ(text.find("0us"), std::string::npos) << text;
    EXPECT_TRUE(has_line(text, "    FAIL  p99<1µs   (actual 495µs)")) << text;
    // The characters of the line that holds `at`, as a terminal shows them.
    const auto width_of_line = [&](std::size_t at) {
        EXPECT_NE(at, std::string::npos) << text;
        const std::size_t start = text.rfind('\n', at) + 1;
        std::size_t characters = 0;
        for (std::size_t i = start; i < text.size() && text[i] != '\n'; ++i) {
            characters += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
        }
        return characters;
    };
    const std::size_t header = width_of_line(text.find("latency        service\n"));
    const auto column_of_end = [&](const std::string& label) {
        return width_of_line(text.find("\n  " + label + " ") + 1);
    };
    for (const char* label : {"p50", "p99", "max", "mean"}) {
        EXPECT_EQ(column_of_end(label), header) << label << ": " << text;
    }
}

TEST(load_console_writer, a_broken_store_tally_is_named) {
    result::load_result r = sample_load();
    r.stats.violations.clear();
    r.store = result::load_result::store_tally{10, 1000, 985, 6}; // 990 stored: 5 more than accepted
    std::string text = console(r);
    EXPECT_NE(
        text.find("  stored    990 messages in the conversation during the run; 985 accepted sends store "
                  "one each (+ up to 6 unanswered)"),
        std::string::npos)
        << text;
    EXPECT_EQ(text.find("BROKE"), std::string::npos) << "990 lies within 985 … 991";
    r.store = result::load_result::store_tally{10, 900, 985, 6};
    text = console(r);
    EXPECT_TRUE(has_line(text, "  BROKE     accepted messages were not stored (profile rule 1)")) << text;
}

// Issue 25 row 7: under the contract line, each rule the checked replies broke with its count, its rule and a
// sample reply; the store's tally stays its own line.
TEST(load_console_writer, each_broken_rule_is_named_with_a_sample_reply) {
    result::load_result r = sample_load();
    r.stats.violations.push_back(
        {"content_type", "", 1, {503, "not JSON:\n text/html", "<html>\n busy</html>"}});
    r.store = result::load_result::store_tally{10, 1000, 985, 6};
    const std::string text = console(r);
    EXPECT_NE(text.find("  contract  99 replies checked (1 in 10), 1 broke it\n"
                        "  BROKE     schema: 1 reply broke it (contract: responses/200 -> ResponseWrapper)\n"
                        "            e.g. status 200: breaks ResponseWrapper: /success: type rule broken\n"
                        "            body {\"success\":\"yes\"}\n"
                        "  BROKE     content_type: 1 reply broke it\n"
                        "            e.g. status 503: not JSON:  text/html\n"
                        "            body <html>  busy</html>\n"
                        "  stored    990 messages"),
              std::string::npos)
        << text;
}

TEST(load_console_writer, a_merge_names_what_it_misses) {
    result::load_result r = sample_load();
    r.shard_count = 4;
    r.missing_shards = {2};
    r.missing_inputs = {"shard-3.json"};
    const std::string text = console(r);
    EXPECT_TRUE(has_line(text, "  missing   shard 2/4")) << text;
    EXPECT_TRUE(has_line(text, "  missing   shard-3.json (not merged)")) << text;
}

} // namespace
} // namespace harness::reports
