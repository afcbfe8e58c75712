// The HTML report: one self-contained page (nothing fetched, no script) with the overall verdict, each verify
// run's cases (failures with their redacted exchange, skips with why, coverage) and each load run's figures,
// charts and thresholds. Everything a result holds is escaped.

#include "report_samples.hpp"
#include "reports/html_parts.hpp"
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

// Issue 29 row 7: the page opens with one summary, a row per run, before any run's section: verdict,
// coverage, p50/p99 against the latency thresholds and the failures grouped by cause with their counts.
TEST(html_writer, the_page_opens_with_a_summary_of_every_run) {
    const std::string html = page({sample_verify()}, {sample_load()});
    const auto start = html.find("<section id=\"summary\">");
    ASSERT_NE(start, std::string::npos) << html;
    EXPECT_LT(start, html.find("<h2>")) << "a run's section comes before the summary";
    const std::string summary = html.substr(start, html.find("</section>") - start);
    EXPECT_EQ(occurrences(summary, "<tr><td>"), 2U) << summary;
    EXPECT_NE(summary.find("<td>2 of 4 items</td>"), std::string::npos) << summary;
    EXPECT_NE(summary.find("<td><code>status</code> ×1 case(s)</td>"), std::string::npos) << summary;
    EXPECT_NE(summary.find("<code>p99&lt;5ms</code> <span class=\"fail\">failed</span> (9.800ms)"),
              std::string::npos)
        << summary;
    EXPECT_NE(summary.find("<code>threshold p99&lt;5ms</code> ×1<br><code>reset</code> ×6"),
              std::string::npos)
        << summary;
    EXPECT_EQ(summary.find("<code>errors&lt;5%</code>"), std::string::npos) << "only latency thresholds";
}

// The passed cases are folded per suite (closed); the failing and skipped ones stay in the open table above.
TEST(html_writer, passed_cases_are_folded_per_suite) {
    const std::string html = page({sample_verify()}, {});
    const auto folded = html.find(
        "<details class=\"passed-cases\"><summary>conformance: <span class=\"pass\">1 passed</span>");
    ASSERT_NE(folded, std::string::npos) << html;
    EXPECT_EQ(occurrences(html, "class=\"passed-cases\""), 1U) << "auth has no passed case";
    EXPECT_LT(html.find("<table class=\"cases\">"), folded);
    EXPECT_LT(html.find("a send without token is refused"), folded);
    EXPECT_GT(html.find("a valid send is stored"), folded);
}

TEST(html_writer, durations_are_written_with_the_micro_sign) {
    EXPECT_EQ(micro_sign("850us"), "850µs");
    EXPECT_EQ(micro_sign("p99<1us failed (actual 112us)"), "p99<1µs failed (actual 112µs)");
    EXPECT_EQ(micro_sign("status bonus 3usd us"), "status bonus 3usd us");
    result::load_result fast = sample_load();
    fast.stats.latency.reset();
    for (int i = 1; i <= 100; ++i) {
        fast.stats.latency.record(i * 5); // 5 µs … 500 µs
    }
    const std::string html = page({}, {judged(fast)});
    EXPECT_NE(html.find("p50 250µs"), std::string::npos) << html;
    EXPECT_EQ(html.find("0us"), std::string::npos) << html;
}

// Each run's header names the build that judged it (runs on one page may come from different builds); a
// result written before versions names none.
TEST(html_writer, each_run_names_the_build_that_judged_it) {
    result::verify_result v = sample_verify();
    v.harness_build = "9.8.7 (commit 0123456789ab)";
    result::load_result l = sample_load();
    l.harness_build = "6.5.4 (commit ba9876543210)";
    const std::string html = page({v}, {l});
    const std::size_t verify_at = html.find("<h2>verify ");
    const std::size_t load_at = html.find("<h2>load ");
    ASSERT_NE(verify_at, std::string::npos);
    ASSERT_NE(load_at, std::string::npos);
    const std::size_t verify_build = html.find(" · judged by harness 9.8.7 (commit 0123456789ab)</p>");
    const std::size_t load_build = html.find(" · judged by harness 6.5.4 (commit ba9876543210)</p>");
    EXPECT_TRUE(verify_build > verify_at && verify_build < load_at) << html;
    EXPECT_TRUE(load_build > load_at && load_build != std::string::npos) << html;
    v.harness_build.clear();
    EXPECT_EQ(page({v}, {}).find("judged by harness"), std::string::npos);
}

} // namespace
} // namespace harness::reports
