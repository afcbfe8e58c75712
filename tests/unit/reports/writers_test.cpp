// Writers render what a result holds, and nothing else: the shared percentile table, markup escaping, the
// load console's accounting and verdict, the comparison's rows.

#include "harness/result/load_comparison.hpp"
#include "harness/result/run_judgement.hpp"
#include "harness/result/time_text.hpp"
#include "reports/comparison_writer.hpp"
#include "reports/load_console_writer.hpp"
#include "reports/markup_escape.hpp"
#include "reports/percentile_table.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

result::load_result run() {
    result::load_result r;
    r.target = "http://127.0.0.1:1";
    r.mode = "open";
    r.requested_rate = 100;
    r.achieved_rate = 99;
    for (int i = 1; i <= 100; ++i) {
        r.stats.latency.record(i * 1000);
        r.stats.service.record(i * 500);
    }
    r.stats.intended = 103;
    r.stats.fates[static_cast<std::size_t>(result::request_fate::answered)] = 100;
    r.stats.fates[static_cast<std::size_t>(result::request_fate::reset)] = 2;
    r.stats.fates[static_cast<std::size_t>(result::request_fate::too_late)] = 1;
    r.stats.statuses[200] = 100;
    r.verdict = result::judge_load_run(r); // as a run draws it: the writers show the verdict, never judge
    return r;
}

TEST(percentile_table, has_every_report_percentile_then_max_mean_stdev) {
    const auto rows = percentile_table(run());
    ASSERT_EQ(rows.size(), result::report_percentiles.size() + 3);
    EXPECT_EQ(rows.front().label, "p50");
    EXPECT_EQ(rows[3].label, "p99");
    EXPECT_EQ(rows[rows.size() - 3].label, "max");
    EXPECT_EQ(rows.back().label, "stdev");
    EXPECT_EQ(rows[rows.size() - 3].latency, result::format_duration_us(run().stats.latency.max()));
}

TEST(duration_text, picks_the_unit_by_size) {
    EXPECT_EQ(result::format_duration_us(850), "850us");
    EXPECT_EQ(result::format_duration_us(12345), "12.345ms");
    EXPECT_EQ(result::format_duration_us(1250000), "1.250s");
    EXPECT_EQ(result::iso8601_utc(0), "1970-01-01T00:00:00Z");
}

TEST(markup_escape, escapes_what_breaks_markup) {
    EXPECT_EQ(escape_markup("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
}

TEST(load_console, accounts_every_intended_request) {
    std::ostringstream out;
    write_console(run(), out);
    const std::string text = out.str();
    EXPECT_NE(text.find("103 intended, 100 answered, 2 failed, 1 too late"), std::string::npos) << text;
    EXPECT_NE(text.find("reset:2"), std::string::npos) << text;
    EXPECT_NE(text.find("PASSED"), std::string::npos) << text;
}

TEST(comparison_writer, marks_the_regressed_gate) {
    result::load_result slower = run();
    slower.stats.latency.reset();
    for (int i = 1; i <= 100; ++i) {
        slower.stats.latency.record(i * 1500);
    }
    result::comparison_settings settings;
    settings.min_latency_change_us = 0;
    const auto comparison = result::compare_load_results(run(), slower, settings);
    std::ostringstream out;
    write_comparison(comparison, out);
    const std::string text = out.str();
    EXPECT_NE(text.find("REGRESSED\n"), std::string::npos) << text;
    EXPECT_NE(text.find("  p99 "), std::string::npos) << text;
    EXPECT_EQ(text.find("  rate") == std::string::npos, false);
}

} // namespace
} // namespace harness::reports
