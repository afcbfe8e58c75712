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
                       run, {});
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

// What an item needs is why it was not covered only when the run did not give that input: against the
// built-in mock (a store and a failing conversation of its own) or with --store-url, "give --store-url" would
// send the user after a flag they gave. The skip reason of the check that observes it, or the suites chosen,
// say why then.
TEST(coverage_tally, an_input_given_is_never_what_is_missing) {
    const auto with_input = [](std::string id, std::vector<std::string> evidence, std::string needs,
                               contract::coverage_input input) {
        contract::coverage_item i = item(std::move(id), std::move(evidence), std::move(needs));
        i.input = input;
        return i;
    };
    const std::vector<contract::coverage_item> model = {
        with_input("rule stored messages", {"stored"}, "give --store-url",
                   contract::coverage_input::store_oracle),
        with_input("failure internal", {}, "give --failing-conversation",
                   contract::coverage_input::failing_conversation),
        with_input("response 409", {"status:409"}, "only by timing", contract::coverage_input::none)};
    verify_result run; // --suite conformance: no case covers any of them
    const auto bare = tally_coverage(model, run, {});
    EXPECT_EQ(bare[0].why_not, "give --store-url");
    EXPECT_EQ(bare[1].why_not, "give --failing-conversation");
    const auto given = tally_coverage(model, run, {.failing_conversation = true, .store_oracle = true});
    EXPECT_EQ(given[0].why_not,
              "no case of the suites run exercises it (without --suite, verify runs them all)");
    EXPECT_EQ(given[1].why_not, given[0].why_not);
    EXPECT_EQ(given[2].why_not, "only by timing") << "no input reaches it: its need stays the reason";
    EXPECT_FALSE(given[0].derivable) << "derivable by requests alone or not does not depend on the inputs";
    case_outcome busy; // a case that ran, its store count skipped for a reason of its own
    busy.status = case_status::passed;
    busy.checks.push_back({"stored", checks::check_status::skipped,
                           "not counted: the background load stores "
                           "into this conversation too (give --load-conversation)",
                           "", "", "", -1});
    run.cases = {busy};
    EXPECT_EQ(tally_coverage(model, run, {.store_oracle = true})[0].why_not, busy.checks[0].message);
    EXPECT_EQ(tally_coverage(model, run, {})[0].why_not, "give --store-url");
}

// A rule of the profile is covered by one of its checks: a check every case runs ("status") only in a case
// that provoked its failure kind, a pattern ("field_errors:*") by any check it names; a rule no check
// observes is never covered, whatever ran, and keeps its reason.
TEST(coverage_tally, a_rule_by_its_checks_in_their_cases_and_never_one_without_checks) {
    verify_result run;
    case_outcome forbidden;
    forbidden.covers = {"failure forbidden"};
    forbidden.checks.push_back(checks::make_outcome("status", true, "", "", "", ""));
    forbidden.checks.push_back(checks::make_outcome("field_errors:text", false, "", "", "", ""));
    run.cases = {forbidden};
    const auto entries =
        tally_coverage({item("rule failures.forbidden", {"status in failure forbidden"}),
                        item("rule failures.not_found", {"status in failure not_found"}),
                        item("rule failures.validation", {"field_errors:*"}),
                        item("rule idempotency.capacity", {}, "uncovered: no check covers it (none)")},
                       run, {.failing_conversation = true, .store_oracle = true});
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_TRUE(entries[0].covered);
    EXPECT_EQ(entries[0].checks, std::vector<std::string>{"status in failure forbidden"});
    EXPECT_FALSE(entries[1].covered) << "status ran, but in no case that provoked not_found";
    EXPECT_TRUE(entries[2].covered) << "a failed check still exercised its rule";
    EXPECT_FALSE(entries[3].covered);
    EXPECT_TRUE(entries[3].checks.empty());
    EXPECT_EQ(entries[3].why_not, "uncovered: no check covers it (none)");
}

} // namespace
} // namespace harness::result
