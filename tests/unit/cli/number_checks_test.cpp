#include "harness/cli/number_checks.hpp"

#include <gtest/gtest.h>

namespace {

using namespace harness::cli;

// What the validator says of `text`: "" when it accepts it.
std::string said(CLI::Validator validator, std::string text) {
    return validator(text);
}

TEST(number_checks, above_zero_names_what_is_wrong_in_words) {
    EXPECT_EQ(said(above_zero(), "2.5"), "");
    EXPECT_EQ(said(above_zero(), "0"), "must be above 0, got 0");
    EXPECT_EQ(said(above_zero(), "abc"), "'abc' is not a number");
    EXPECT_EQ(said(above_zero(), ""), "'' is not a number");
    EXPECT_EQ(said(above_zero(), "1e999"), "'1e999' is not a number");
    EXPECT_EQ(said(above_zero(), "nan"), "'nan' is not a number");
}

TEST(number_checks, zero_or_more_takes_zero_and_refuses_below) {
    EXPECT_EQ(said(zero_or_more(), "0"), "");
    EXPECT_EQ(said(zero_or_more(), "-1"), "must be a number from 0 to inf, got -1");
}

TEST(number_checks, number_between_holds_both_ends) {
    EXPECT_EQ(said(number_between(0, 100), "0"), "");
    EXPECT_EQ(said(number_between(0, 100), "100"), "");
    EXPECT_EQ(said(number_between(0, 100), "100.5"), "must be a number from 0 to 100, got 100.5");
    EXPECT_EQ(said(number_between(0, 100), "12abc"), "'12abc' is not a number");
}

TEST(number_checks, whole_between_refuses_fractions_and_out_of_range) {
    EXPECT_EQ(said(whole_between(1, 256), "256"), "");
    EXPECT_EQ(said(whole_between(1, 256), "1.5"), "must be a whole number, got 1.5");
    EXPECT_EQ(said(whole_between(1, 256), "300"), "must be a whole number from 1 to 256, got 300");
    EXPECT_EQ(said(whole_between(1, 256), "0"), "must be a whole number from 1 to 256, got 0");
}

} // namespace
