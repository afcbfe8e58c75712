#pragma once
// Checks for numeric flags that say what is wrong in words a user reads: "--rate: 'abc' is not a number",
// "--rate: must be above 0, got 0", "--threads: must be a whole number from 1 to 256, got 300" — not CLI11's
// "Value 0 not in range 0.000000 to 1797693…".

#include <CLI/CLI.hpp>

namespace harness::cli {

// A number (fractions allowed) above 0.
CLI::Validator above_zero();
// A number (fractions allowed) of 0 or more.
CLI::Validator zero_or_more();
// A number (fractions allowed) from `min` to `max`.
CLI::Validator number_between(double min, double max);
// A whole number from `min` to `max`.
CLI::Validator whole_between(long long min, long long max);

} // namespace harness::cli
