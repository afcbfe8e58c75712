// A run covers an item by a case that names it, a check that observed it, or a reply that showed it; an item
// not covered says why.

#include "harness/result/coverage_tally.hpp"

#include <gtest/gtest.h>

namespace harness::result {
namespace {

contract::coverage_item item(std::string id, std::vector<std::string> evidence = {}, std::string needs = {}) {
    contract::coverage_item i;
    i.id = std::move(id);
    i.area = contract::coverage_area::rule;
    i.evidence = std::move(evidence);
    i.needs = std::move(needs);
    return i;
}

TEST(coverage_tally, by_case_check_and_status_and_never_by_a_skipped_case) {
    verify_result run;
    case_outcome ran;
    ran.covers = {"method GET"};
    ran.checks.push_back(checks::make_outcome("header:Allow", false, "", "", "", ""));
    ran.checks.push_back({"stored", checks::check_status::skipped, "", "", "", "", -1});
    http::exchange e;
    e.response.status = 404;
    ran.exchanges.push_back(e);
    ran.status = case_status::failed;
    case_outcome skipped;
    skipped.covers = {"failure internal"};
    skipped.status = case_status::skipped;
    skipped.skip_reason = "needs failing_conversation: give --failing-conversation";
    run.cases = {ran, skipped};
    const auto entries =
        tally_coverage({item("method GET"), item("rule Allow", {"header:Allow"}),
                        item("response 404", {"status:404"}), item("rule stored", {"stored"}, "a store"),
                        item("failure internal", {}, "a fault input"), item("method PUT")},
                       run);
    ASSERT_EQ(entries.size(), 6u);
    EXPECT_TRUE(entries[0].covered);  // the case names it (a failed case still exercised it)
    EXPECT_TRUE(entries[1].covered);  // a check that ran observed it
    EXPECT_TRUE(entries[2].covered);  // a reply showed the status
    EXPECT_FALSE(entries[3].covered); // its check was skipped
    EXPECT_EQ(entries[3].why_not, "a store");
    EXPECT_FALSE(entries[3].derivable);
    EXPECT_FALSE(entries[4].covered);
    EXPECT_EQ(entries[4].why_not, skipped.skip_reason); // the case that would have covered it says why
    EXPECT_FALSE(entries[5].covered);
    EXPECT_NE(entries[5].why_not.find("no case of the suites run"), std::string::npos);
    run.coverage = entries;
    const auto totals = run.count_coverage();
    EXPECT_EQ(totals.items, 6);
    EXPECT_EQ(totals.covered, 3);
    EXPECT_EQ(totals.derivable, 4);
    EXPECT_EQ(totals.derivable_covered, 3);
}

} // namespace
} // namespace harness::result
