#pragma once
// What every part of the HTML report writes alike: escaped text, a verdict in its colour, and durations with
// the micro sign (the one place "us" becomes "µs": the results and the console keep ASCII "us").

#include "harness/result/run_verdict.hpp"

#include <string>
#include <string_view>

namespace harness::reports {

std::string html(std::string_view text);

// "passed" or "failed" in its colour, for a threshold or a store tally the result judged.
const char* html_verdict(bool passed);

// A run's verdict in its colour; the reason follows when it did not pass.
std::string html_verdict(const result::run_verdict& v);

// Every duration in the text written with the micro sign: "850us" -> "850µs", "p99<1us" -> "p99<1µs"; a
// word that only ends in "us" ("status", "bonus") is left alone.
std::string micro_sign(std::string_view text);

} // namespace harness::reports
