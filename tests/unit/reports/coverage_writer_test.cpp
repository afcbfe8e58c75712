// The coverage table of a verify run: the headline (all items, and those requests alone can reach), covered
// per area in the model's order, and each item not covered with why — a long group of one reason counted.

#include "report_samples.hpp"
#include "reports/coverage_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

using testing::has_line;
using testing::sample_verify;

TEST(coverage_writer, the_headline_counts_all_items_and_the_derivable_ones) {
    EXPECT_EQ(coverage_headline(sample_verify()),
              "coverage 2 of 4 items (50.0%); derivable by requests alone: 2 of 3 (66.7%)");
}

TEST(coverage_writer, areas_keep_the_models_order) {
    const std::vector<area_count> areas = coverage_by_area(sample_verify());
    ASSERT_EQ(areas.size(), 3U);
    EXPECT_EQ(areas[0].area, "routing");
    EXPECT_EQ(areas[1].area, "auth");
    EXPECT_EQ(areas[1].covered, 1);
    EXPECT_EQ(areas[1].items, 2);
    EXPECT_EQ(areas[2].area, "store");
    EXPECT_EQ(areas[2].covered, 0);
}

TEST(coverage_writer, the_console_lists_what_is_not_covered_and_why) {
    std::ostringstream out;
    write_console_coverage(sample_verify(), out);
    const std::string text = out.str();
    EXPECT_TRUE(has_line(text, "  routing 1/1   auth 1/2   store 0/1")) << text;
    EXPECT_TRUE(has_line(text, "  not covered  auth.expired: needs --expired-token-env")) << text;
    EXPECT_TRUE(has_line(text, "  not covered  store.lost: needs --store-url"));
    // Five items left out for one reason are one counted line.
    result::verify_result many = sample_verify();
    for (int i = 0; i < 5; ++i) {
        many.coverage.push_back(
            {"suite.item" + std::to_string(i), "suites", "", false, true, "suite not run", {}});
    }
    std::ostringstream folded;
    write_console_coverage(many, folded);
    EXPECT_TRUE(has_line(folded.str(), "  not covered  5 items (suite.item0, suite.item1, …): suite not run"))
        << folded.str();
    std::ostringstream none;
    result::verify_result untallied = sample_verify();
    untallied.coverage.clear();
    write_console_coverage(untallied, none);
    EXPECT_EQ(none.str(), "") << "a run without a tally prints no coverage";
}

TEST(coverage_writer, markdown_has_the_area_table_and_a_row_per_item) {
    std::ostringstream out;
    write_markdown_coverage(sample_verify(), out);
    const std::string md = out.str();
    EXPECT_TRUE(has_line(md, "### Coverage"));
    EXPECT_TRUE(has_line(md, "| auth | 1 | 2 |")) << md;
    EXPECT_TRUE(has_line(md, "| route.post | ✅ |  |  |")) << md;
    EXPECT_TRUE(has_line(md, "| auth.expired | ❌ |  | needs --expired-token-env |")) << md;
}

// The rules of the profile: one observed, one its run did not exercise, one no check observes.
result::verify_result with_rules() {
    result::verify_result run = sample_verify();
    run.coverage.push_back({"rule idempotency.scope", "rule", "", true, true, "", {"new_message"}});
    run.coverage.push_back({"rule idempotency.on_in_flight",
                            "rule",
                            "",
                            false,
                            true,
                            "suite not run",
                            {"same_data_across_copies", "status in failure idempotency_in_progress",
                             "error_code in failure idempotency_in_progress"}});
    run.coverage.push_back({"rule idempotency.capacity",
                            "rule",
                            "",
                            false,
                            false,
                            "uncovered: no check covers it (no suite sends that many keys)",
                            {}});
    return run;
}

TEST(coverage_writer, a_rule_shows_its_checks_and_one_no_check_covers_is_uncovered) {
    const result::verify_result run = with_rules();
    EXPECT_EQ(rule_checks_text(run.coverage[5]),
              "same_data_across_copies; status, error_code in failure idempotency_in_progress");
    EXPECT_EQ(rule_checks_text(run.coverage[6]), "no check covers it");
    EXPECT_EQ(rule_checks_text(run.coverage[0]), "") << "an item that is no rule has no checks to show";
    std::ostringstream out;
    write_console_coverage(run, out);
    const std::string text = out.str();
    EXPECT_TRUE(has_line(text,
                         "  not covered  rule idempotency.on_in_flight (same_data_across_copies; status, "
                         "error_code in failure idempotency_in_progress): suite not run"))
        << text;
    EXPECT_TRUE(has_line(text, "  uncovered    rule idempotency.capacity: no check covers it (no suite sends "
                               "that many keys)"))
        << text;
    EXPECT_EQ(text.find("not covered  rule idempotency.capacity"), std::string::npos)
        << "a rule no check covers is not a rule the run left out";
    std::ostringstream md;
    write_markdown_coverage(run, md);
    EXPECT_TRUE(has_line(md.str(), "| rule idempotency.scope | ✅ | new_message |  |")) << md.str();
}

} // namespace
} // namespace harness::reports
