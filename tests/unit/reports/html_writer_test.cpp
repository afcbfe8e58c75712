// The HTML report: one self-contained page (nothing fetched, no script) with the overall verdict, each verify
// run's cases (failures with their redacted exchange, skips with why, coverage) and each load run's figures,
// charts and thresholds. Everything a result holds is escaped.

#include "report_samples.hpp"
#include "reports/html_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

using testing::judged;
using testing::occurrences;
using testing::sample_load;
using testing::sample_verify;

std::string page(const std::vector<result::verify_result>& verify_runs,
                 const std::vector<result::load_result>& load_runs) {
    std::ostringstream out;
    write_html(verify_runs, load_runs, out);
    return out.str();
}

TEST(html_writer, is_one_page_that_needs_nothing_else) {
    const std::string html = page({sample_verify()}, {sample_load()});
    EXPECT_EQ(html.rfind("<!doctype html>\n", 0), 0U);
    EXPECT_NE(html.find("<title>harness report</title>"), std::string::npos);
    EXPECT_TRUE(html.ends_with("</body></html>\n"));
    for (const char* external : {"<script", " src=", "<link", "@import", "url("}) {
        EXPECT_EQ(html.find(external), std::string::npos) << external;
    }
}

TEST(html_writer, the_overall_verdict_is_failed_when_any_run_failed) {
    EXPECT_NE(page({sample_verify()}, {})
                  .find("<h1>harness report: <span class=\"fail\">failed</span> <small>1 of 3 case(s) "
                        "failed</small></h1>"),
              std::string::npos);
    result::verify_result passing = sample_verify();
    passing.cases.erase(passing.cases.begin() + 1);
    result::load_result held = sample_load();
    held.thresholds.front().passed = true;
    EXPECT_NE(page({judged(passing)}, {judged(held)})
                  .find("<h1>harness report: <span class=\"pass\">passed</span></h1>"),
              std::string::npos);
    EXPECT_NE(page({judged(passing)}, {sample_load()})
                  .find("<h1>harness report: <span class=\"fail\">failed</span>"),
              std::string::npos)
        << "a broken threshold fails the page";
}

TEST(html_writer, a_verify_run_shows_counts_failures_with_their_exchange_skips_and_coverage) {
    const std::string html = page({sample_verify()}, {});
    EXPECT_NE(
        html.find("<h2>verify <span class=\"fail\">failed</span> <small>1 of 3 case(s) failed</small></h2>"),
        std::string::npos);
    EXPECT_NE(html.find("<b>1 passed, 1 failed, 1 skipped</b> (3 cases, 3 checks, 1 failed)"),
              std::string::npos);
    EXPECT_NE(html.find("<td>profile rule 3 (failures.unauthenticated)</td>"), std::string::npos) << html;
    EXPECT_NE(html.find("<pre>POST /v1/messages\nContent-Type: application/json\nAuthorization: Bearer "
                        "[redacted]\n\n{&quot;itemUuid&quot;:&quot;i-1&quot;}</pre>"),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<td class=\"skip result\">skipped</td><td>needs --expired-token-env</td>"),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<h3>Coverage</h3>"), std::string::npos);
    EXPECT_NE(html.find("<tr><td class=\"skip\">store.lost</td><td>needs --store-url</td></tr>"),
              std::string::npos);
    EXPECT_NE(html.find("id=\"verify-0-suites\""), std::string::npos) << "the cases-by-suite chart";
}

TEST(html_writer, a_load_run_shows_its_figures_charts_and_thresholds) {
    const std::string html = page({}, {sample_load()});
    EXPECT_NE(html.find("<h2>load <span class=\"fail\">failed</span> <small>threshold p99&lt;5ms failed "
                        "(actual 9.800ms)</small></h2>"),
              std::string::npos);
    EXPECT_NE(html.find("<p><b>Failed requests: 1.30%</b>"), std::string::npos) << html;
    EXPECT_NE(
        html.find("<td class=\"num\">100.0/s</td><td class=\"num\">99.0/s</td><td class=\"num\">1000</td>"
                  "<td class=\"num\">990</td><td class=\"num\">6</td><td class=\"num\">4</td>"
                  "<td class=\"num\">1</td>"),
        std::string::npos)
        << html;
    for (const char* chart :
         {"load-0-percentiles", "load-0-latency-time", "load-0-throughput", "load-0-statuses"}) {
        EXPECT_EQ(occurrences(html, std::string("id=\"") + chart + "\""), 1U) << chart;
    }
    EXPECT_NE(html.find("<tr><td><code>p99&lt;5ms</code></td><td class=\"num\">9.800ms</td><td><span "
                        "class=\"fail\">failed</span></td></tr>"),
              std::string::npos)
        << html;
}

// Issue 25 row 7: each broken rule with its sample reply, the store's tally as its own item, and the chart of
// latency over time marking each second with the classes that happened in it, in their own words.
TEST(html_writer, a_load_run_names_each_broken_rule_and_the_stores_tally) {
    result::load_result r = sample_load();
    r.store = result::load_result::store_tally{10, 900, 985, 6};
    const std::string html = page({}, {r});
    EXPECT_NE(html.find("<h3>Violations by rule</h3>"), std::string::npos) << html;
    EXPECT_NE(
        html.find(
            "<tr><td><code>schema</code></td><td class=\"fail num\">1</td><td>contract: "
            "responses/200 -&gt; ResponseWrapper<br><small>status 200: breaks ResponseWrapper: /success: "
            "type rule broken</small><pre>{&quot;success&quot;:&quot;yes&quot;}</pre></td></tr>"),
        std::string::npos)
        << html;
    EXPECT_NE(
        html.find("<p><b>Stored</b> <span class=\"fail\">failed</span>: 890 messages in the conversation"),
        std::string::npos)
        << html;
}

TEST(html_writer, the_latency_chart_marks_each_second_with_its_classes) {
    result::load_result r = sample_load();
    std::string html = page({}, {r});
    EXPECT_NE(html.find("<title>second 4: 3 another status</title>"), std::string::npos) << html;
    EXPECT_NE(html.find("<title>second 4: 1 a reply broke a rule</title>"), std::string::npos) << html;
    EXPECT_EQ(html.find("a reply broke its rule"), std::string::npos) << "no band in the old words";
    // Resets only: the seconds are marked as resets, never as a broken rule.
    for (auto& e : r.timeline) {
        e.classes = {};
    }
    r.timeline[2].classes[static_cast<std::size_t>(result::failure_class::reset)] = 6;
    html = page({}, {r});
    EXPECT_EQ(occurrences(html, "class=\"marked\""), 1U) << html;
    EXPECT_NE(html.find("<title>second 2: 6 reset</title>"), std::string::npos) << html;
    EXPECT_EQ(html.find("broke a rule"), std::string::npos) << html;
    // No failure in any second: nothing marked.
    r.timeline[2].classes = {};
    EXPECT_EQ(page({}, {r}).find("class=\"marked"), std::string::npos);
}

TEST(html_writer, what_a_result_holds_is_escaped) {
    result::verify_result v = sample_verify();
    v.target = "http://x/<script>alert(1)</script>";
    v.cases[0].name = "<img onerror=x>";
    const std::string html = page({v}, {});
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

} // namespace
} // namespace harness::reports
