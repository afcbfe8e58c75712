#pragma once
// Markdown summaries for a CI job summary or a pull-request comment: the verdict first, then the tables a
// reviewer needs (suites, or percentiles and thresholds), then every failure with its rule.

#include "harness/result/load_result.hpp"
#include "harness/result/verify_result.hpp"

#include <iosfwd>
#include <string_view>

namespace harness::reports {

// `title` opens the summary (a repro summary puts the verify tables under its own heading).
void write_markdown(const result::verify_result& result, std::ostream& out,
                    std::string_view title = "## harness verify");
void write_markdown(const harness::result::load_result& result, std::ostream& out);

} // namespace harness::reports
