// What makes a report read at a glance (issue 17): values with their units, one block for a failure repeated
// by copies of a step, failing cases first and open, round ticks, a log axis for data spanning decades,
// threshold lines on the charts they judge, and requested/s drawn so that it does not hide answered/s.

#include "harness/result/threshold.hpp"
#include "reports/console_writer.hpp"
#include "reports/html_writer.hpp"
#include "reports/junit_writer.hpp"
#include "reports/markdown_writer.hpp"
#include "reports/svg_chart.hpp"

#include <cmath>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

result::load_result load_run_with_thresholds() {
    result::load_result r;
    r.target = "http://127.0.0.1:1";
    r.mode = "open";
    r.requested_rate = 100;
    r.achieved_rate = 100;
    r.measured_seconds = 2;
    for (int i = 1; i <= 100; ++i) {
        r.stats.latency.record(i * 600);
        r.stats.service.record(i * 500);
    }
    r.stats.intended = 100;
    r.stats.fates[static_cast<std::size_t>(result::request_fate::answered)] = 100;
    r.stats.statuses[200] = 100;
    for (std::uint32_t second = 0; second < 2; ++second) {
        result::timeline_entry e;
        e.second = second;
        e.requests = 100;
        e.requested_rate = 100;
        e.p50_us = 30000;
        e.p99_us = 59000;
        e.max_us = 60000;
        r.timeline.push_back(e);
    }
    result::evaluate_thresholds(r,
                                {result::parse_threshold("p99<50ms"), result::parse_threshold("errors<1%")});
    return r;
}

result::verify_result verify_with_a_repeated_failure() {
    result::verify_result v;
    v.target = "http://127.0.0.1:1";
    result::case_outcome passed;
    passed.suite = "conformance";
    passed.name = "a valid send is stored";
    passed.checks.push_back({"status", checks::check_status::passed, "200", "200", "200", "rule", -1});
    v.cases.push_back(passed);
    result::case_outcome failed;
    failed.suite = "customer";
    failed.name = "replayed 10 times";
    failed.status = result::case_status::failed;
    for (int copy = 0; copy < 10; ++copy) {
        failed.checks.push_back({"status", checks::check_status::failed, "status 500", "200", "500",
                                 "profile rule 7: a request that keeps the contract never gets a 5xx", -1});
    }
    failed.checks.push_back({"schema", checks::check_status::failed, "error.errorId is missing", "errorId",
                             "absent", "contract: CdpErrorResponse", -1});
    v.cases.push_back(failed);
    return v;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

TEST(readable_reports, threshold_values_carry_their_unit) {
    std::ostringstream junit;
    write_junit(load_run_with_thresholds(), junit);
    EXPECT_TRUE(std::regex_search(junit.str(), std::regex(R"(actual: 59\.[0-9]{3}ms<)"))) << junit.str();
    EXPECT_FALSE(std::regex_search(junit.str(), std::regex(R"(actual: 59[0-9]{3}<)"))) << junit.str();
    const result::threshold errors = result::parse_threshold("errors<1%");
    EXPECT_EQ(result::format_metric_value(errors, 0.0052), "0.52%");
    EXPECT_EQ(result::format_metric_value(result::parse_threshold("violations==0"), 3), "3");
}

TEST(readable_reports, copies_failing_alike_are_one_block_with_their_count) {
    const result::verify_result v = verify_with_a_repeated_failure();
    std::ostringstream console;
    write_console(v, console);
    EXPECT_EQ(occurrences(console.str(), "status: status 500"), 1U) << console.str();
    EXPECT_NE(console.str().find("×10"), std::string::npos) << console.str();
    EXPECT_EQ(occurrences(console.str(), "schema: error.errorId is missing"), 1U) << console.str();
    std::ostringstream markdown;
    write_markdown(v, markdown);
    EXPECT_EQ(occurrences(markdown.str(), "| `status`"), 1U) << markdown.str();
    EXPECT_NE(markdown.str().find("`status` ×10"), std::string::npos) << markdown.str();
}

TEST(readable_reports, html_shows_failing_cases_first_and_open) {
    std::ostringstream page;
    write_html({verify_with_a_repeated_failure()}, {}, page);
    const std::string html = page.str();
    const auto failing = html.find("replayed 10 times");
    const auto passing = html.find("a valid send is stored");
    ASSERT_NE(failing, std::string::npos);
    ASSERT_NE(passing, std::string::npos);
    EXPECT_LT(failing, passing) << "the failing case is not listed first";
    EXPECT_NE(html.find("<details open><summary>11 failed check(s)"), std::string::npos) << html;
    EXPECT_NE(html.find("<code>status</code> ×10"), std::string::npos) << html;
}

// Every tick of every chart is 1, 2 or 5 times a power of ten (or a multiple of such a step).
TEST(readable_reports, ticks_fall_on_round_values) {
    for (const auto& [low, high] : std::vector<std::pair<double, double>>{
             {0, 87.3}, {0, 1163.2}, {0, 0.37}, {3, 17}, {0, 1}, {0, 2.9e6}}) {
        const std::vector<double> ticks = round_ticks(low, high, 4);
        ASSERT_GE(ticks.size(), 2U);
        EXPECT_LE(ticks.front(), low);
        EXPECT_GE(ticks.back(), high);
        const double step = ticks[1] - ticks[0];
        const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
        EXPECT_TRUE(std::abs(mantissa - 1) < 1e-6 || std::abs(mantissa - 2) < 1e-6 ||
                    std::abs(mantissa - 5) < 1e-6)
            << low << ".." << high << ": step " << step;
    }
    const std::string svg =
        line_chart({"t", "x", "y", {}, {}, "", {}}, {{"s", "#000", {{0, 0}, {4, 29.1}}}}, "c");
    const std::regex y_tick(R"(class="tick y-tick"[^>]*>([^<]*)<)");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), y_tick); it != std::sregex_iterator(); ++it) {
        const std::string label = (*it)[1];
        EXPECT_TRUE(label == "0" || label == "10" || label == "20" || label == "30")
            << label << " in " << svg;
    }
}

TEST(readable_reports, data_spanning_decades_gets_a_log_axis) {
    const chart_series spike{"p99", "#000", {{0, 300}, {1, 0.3}, {2, 0.4}, {3, 0.35}}};
    const std::string log_svg = line_chart({"t", "second", "ms", {}, {}, "", {}}, {spike}, "c");
    EXPECT_NE(log_svg.find("class=\"chart log-y\""), std::string::npos) << log_svg;
    for (const char* decade : {">0.1<", ">1<", ">10<", ">100<", ">1000<"}) {
        EXPECT_NE(log_svg.find(decade), std::string::npos) << decade << " in " << log_svg;
    }
    const chart_series steady{"p99", "#000", {{0, 3}, {1, 0.3}, {2, 0.4}}};
    EXPECT_EQ(line_chart({"t", "second", "ms", {}, {}, "", {}}, {steady}, "c").find("log-y"),
              std::string::npos);
}

TEST(readable_reports, load_charts_draw_thresholds_and_both_rates) {
    std::ostringstream page;
    write_html({}, {load_run_with_thresholds()}, page);
    const std::string html = page.str();
    // p99<50ms is drawn on the percentile chart and on latency over time.
    EXPECT_EQ(occurrences(html, "<title>threshold p99&lt;50ms</title>"), 2U) << html;
    // requested/s lies on answered/s: drawn dashed, in its own colour, so both are seen.
    const auto throughput = html.find("id=\"load-0-throughput\"");
    ASSERT_NE(throughput, std::string::npos);
    const std::string chart = html.substr(throughput, html.find("</svg>", throughput) - throughput);
    EXPECT_NE(chart.find("stroke-dasharray=\"6 4\"><title>requested/s"), std::string::npos) << chart;
    EXPECT_NE(chart.find("<title>answered/s"), std::string::npos) << chart;
}

} // namespace
} // namespace harness::reports
