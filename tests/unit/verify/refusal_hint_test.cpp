#include "harness/verify/refusal_hint.hpp"

#include <gtest/gtest.h>

namespace {

using namespace harness;

// A failed case whose status check expected `expected` and got `actual`.
result::case_outcome refused(const std::string& expected, const std::string& actual) {
    result::case_outcome c;
    c.status = result::case_status::failed;
    c.checks.push_back(checks::make_outcome("status", false, "wrong status", expected, actual, "rule"));
    return c;
}

TEST(same_refusal_hint, names_the_flags_when_every_failure_is_one_refusal) {
    result::verify_result run;
    run.cases = {refused("200", "404"), refused("200", "404")};
    const auto hint = verify::same_refusal_hint(run);
    ASSERT_TRUE(hint.has_value());
    EXPECT_EQ(*hint, "the failing cases got 404 — check --project and --conversation (do they exist on this "
                     "gateway?), and the --target base path");
    run.cases = {refused("200", "401"), refused("200", "401")};
    EXPECT_NE(verify::same_refusal_hint(run)->find("--token-env"), std::string::npos);
}

TEST(same_refusal_hint, says_nothing_for_one_failure_mixed_refusals_or_expected_refusals) {
    result::verify_result run;
    run.cases = {refused("200", "404")};
    EXPECT_FALSE(verify::same_refusal_hint(run).has_value());
    run.cases = {refused("200", "404"), refused("200", "401")};
    EXPECT_FALSE(verify::same_refusal_hint(run).has_value());
    // A case that expected the refusal is not a sign of wrong flags.
    run.cases = {refused("401", "404"), refused("401", "404")};
    EXPECT_FALSE(verify::same_refusal_hint(run).has_value());
}

} // namespace
