#pragma once
// The case table of a verify run in the HTML report: the failing cases first (the first few open, each with
// its failed checks, a cause repeated by copies of a step once with ×N, and the redacted exchange), then the
// skipped ones, then the passed ones folded per suite, so a passing run does not push what follows off the
// page.

#include "harness/result/verify_result.hpp"

#include <iosfwd>

namespace harness::reports {

void write_case_tables(const result::verify_result& r, std::ostream& out);

} // namespace harness::reports
