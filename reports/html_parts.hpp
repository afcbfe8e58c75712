#pragma once
// What every part of the HTML report writes alike: escaped text, a verdict in its colour, and durations with
// the micro sign (unit_text.hpp).

#include "harness/result/run_verdict.hpp"
#include "unit_text.hpp"

#include <string>
#include <string_view>

namespace harness::reports {

std::string html(std::string_view text);

// "passed" or "failed" in its colour, for a threshold or a store tally the result judged.
const char* html_verdict(bool passed);

// A run's verdict in its colour; the reason follows when it did not pass.
std::string html_verdict(const result::run_verdict& v);

// " · judged by harness 0.1.0 (commit …)" for a run's header line: a page read later says which build judged
// each run (runs on one page may come from different builds); empty for a result written before versions.
std::string html_build(const std::string& harness_build);

} // namespace harness::reports
