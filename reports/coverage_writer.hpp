#pragma once
// The coverage table of a verify run (harness/result/coverage_tally): covered items per area, and each item
// not covered with why; each rule of the profile with the checks that observe it, and apart, the rules no
// check observes. Console and Markdown here; JUnit and HTML call the per-item helpers.

#include "harness/result/verify_result.hpp"

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace harness::reports {

// "coverage 98 of 100 items (98.0%); derivable by requests alone: 96 of 96 (100.0%)"
std::string coverage_headline(const result::verify_result& r);

// Covered and total per area, in the model's order.
struct area_count {
    std::string area;
    int covered = 0;
    int items = 0;
};
std::vector<area_count> coverage_by_area(const result::verify_result& r);

// A rule's checks, compact: "same_data_across_copies; status, error_code in failure idempotency_in_progress",
// or "no check covers it" ("" for an item that is no rule).
std::string rule_checks_text(const result::coverage_entry& e);
// Whether the entry is a rule no check observes: uncovered whatever a run does.
bool uncheckable(const result::coverage_entry& e);

void write_console_coverage(const result::verify_result& r, std::ostream& out);
void write_markdown_coverage(const result::verify_result& r, std::ostream& out);

} // namespace harness::reports
