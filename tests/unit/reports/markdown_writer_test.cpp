// Markdown for a CI job summary: the verdict first, then the tables (suites; or rates, percentiles, kinds and
// thresholds), then every failure with its rule; cells never break the table.

#include "report_samples.hpp"
#include "reports/markdown_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

using testing::has_line;
using testing::sample_load;
using testing::sample_verify;

std::string markdown(const result::verify_result& v) {
    std::ostringstream out;
    write_markdown(v, out);
    return out.str();
}

std::string markdown(const result::load_result& r) {
    std::ostringstream out;
    write_markdown(r, out);
    return out.str();
}

// The build that judged a run is named under the target; a result from before versions were kept names none.
TEST(markdown_writer, names_the_build_that_judged_the_run_when_the_result_has_one) {
    result::verify_result v = sample_verify();
    v.harness_build = "9.8.7 (commit 0123456789ab)";
    EXPECT_TRUE(has_line(markdown(v), "Judged by harness 9.8.7 (commit 0123456789ab)")) << markdown(v);
    result::load_result l = sample_load();
    l.harness_build = "9.8.7 (commit 0123456789ab)";
    EXPECT_TRUE(has_line(markdown(l), "Judged by harness 9.8.7 (commit 0123456789ab)")) << markdown(l);
    v.harness_build.clear();
    EXPECT_EQ(markdown(v).find("Judged by"), std::string::npos) << markdown(v);
}

TEST(markdown_writer, a_verify_summary_opens_with_the_verdict_and_counts) {
    const std::string md = markdown(sample_verify());
    EXPECT_EQ(md.rfind("## harness verify: ❌ failed: 1 of 3 case(s) failed\n", 0), 0U) << md;
    EXPECT_TRUE(has_line(md, "Target `http://gateway.test:8080` over HTTP/1.1 · contract `operator.yaml` · "
                             "profile `profile.yaml`"))
        << md;
    EXPECT_TRUE(has_line(md, "**1 passed, 1 failed, 1 skipped** (3 cases, 3 checks)"));
    EXPECT_TRUE(has_line(md, "| conformance | 1 | 0 | 0 |")) << md;
    EXPECT_TRUE(has_line(md, "| auth | 0 | 1 | 1 |")) << md;
    std::ostringstream titled;
    write_markdown(sample_verify(), titled, "### Contract checks");
    EXPECT_EQ(titled.str().rfind("### Contract checks: ❌ failed", 0), 0U);
}

TEST(markdown_writer, every_failure_is_a_row_with_its_rule_and_request) {
    const std::string md = markdown(sample_verify());
    EXPECT_TRUE(has_line(md,
                         "| auth / a send without token is refused | `status` | 401 | 200 | profile rule 3 "
                         "(failures.unauthenticated) | `POST /v1/messages` |"))
        << md;
    EXPECT_TRUE(has_line(md, "- auth / an expired token is refused: needs --expired-token-env")) << md;
    EXPECT_TRUE(has_line(md, "### Coverage")) << "the coverage table follows: " << md;
}

TEST(markdown_writer, cells_keep_the_table_whole) {
    result::verify_result v = sample_verify();
    v.cases[1].checks[0].actual = "a|b\nc";
    v.cases[1].checks[0].expected = std::string(300, 'e');
    const std::string md = markdown(v);
    EXPECT_NE(md.find("| a\\|b c |"), std::string::npos) << md;
    EXPECT_NE(md.find(std::string(160, 'e') + "…"), std::string::npos);
    EXPECT_EQ(md.find(std::string(161, 'e')), std::string::npos);
}

TEST(markdown_writer, a_load_summary_gives_the_failed_share_rates_percentiles_and_thresholds) {
    const std::string md = markdown(sample_load());
    EXPECT_EQ(md.rfind("## harness load: ❌ failed: threshold p99<5ms failed (actual 9.800ms)\n", 0), 0U)
        << md;
    EXPECT_TRUE(has_line(md, "**Failed requests: 1.30%** (10 by transport class or too late, 3 answered with "
                             "another status than 200)"))
        << md;
    EXPECT_TRUE(has_line(md, "| 100.0/s | 99.0/s | 1000 | 990 | 6 | 4 |")) << md;
    EXPECT_TRUE(has_line(md, "| | latency (from intended send) | service time |")) << md;
    EXPECT_NE(md.find("\n| p99.9 | "), std::string::npos) << md;
    EXPECT_TRUE(has_line(md, "Contract: 99 replies checked, **1** broke it. Resends: 0 sent, 0 mismatched."));
    EXPECT_TRUE(has_line(md, "| `p99<5ms` | 9.800ms | ❌ |")) << md;
    EXPECT_TRUE(has_line(md, "| `errors<5%` | 1.30% | ✅ |")) << md;
}

// Issue 25 row 7: a row per rule the checked replies broke, with its sample, and the store's tally on a line
// of its own.
TEST(markdown_writer, a_load_summary_names_each_broken_rule_and_the_stores_tally) {
    result::load_result r = sample_load();
    r.store = result::load_result::store_tally{10, 1100, 985, 6};
    const std::string md = markdown(r);
    EXPECT_TRUE(has_line(md, "| rule | replies | rule text | sample reply |")) << md;
    EXPECT_TRUE(
        has_line(md, "| `schema` | **1** | contract: responses/200 -> ResponseWrapper | status 200: breaks "
                     "ResponseWrapper: /success: type rule broken<br>`{\"success\":\"yes\"}` |"))
        << md;
    EXPECT_TRUE(has_line(md,
                         "Stored: 1090 messages in the conversation during the run; 985 accepted sends store "
                         "one each (+ up to 6 unanswered) ❌ **refused requests or resends stored messages "
                         "(profile rules 3-4 and 6: a refused request or a replay stores nothing)**"))
        << md;
    r.stats.violations.clear();
    r.store.reset();
    const std::string clean = markdown(r);
    EXPECT_EQ(clean.find("| rule |"), std::string::npos) << clean;
    EXPECT_EQ(clean.find("Stored:"), std::string::npos) << clean;
}

TEST(markdown_writer, a_mixed_load_gets_a_row_per_kind_and_a_merge_names_what_it_misses) {
    result::load_result r = sample_load();
    r.mix = "new=9,no_auth=1";
    r.stats.kinds.resize(result::request_kind_count);
    result::kind_stats& no_auth = r.stats.kinds[static_cast<std::size_t>(result::request_kind::no_auth)];
    no_auth.intended = 100;
    no_auth.answered = 100;
    no_auth.wrong_status = 2;
    no_auth.expected_status = 401;
    no_auth.rule = "profile rule 3";
    no_auth.latency.record(700);
    r.missing_shards = {1};
    r.shard_count = 2;
    const std::string md = markdown(r);
    EXPECT_NE(md.find("Request kinds (`--mix new=9,no_auth=1`)"), std::string::npos) << md;
    EXPECT_TRUE(has_line(md,
                         "| no_auth | 401 | 100 | 98 | **2** | 700µs | 700µs | 2 got another status than 401 "
                         "(profile rule 3) |"))
        << md;
    EXPECT_TRUE(has_line(md, "**Missing:** shard 1/2.")) << md;
}

} // namespace
} // namespace harness::reports
