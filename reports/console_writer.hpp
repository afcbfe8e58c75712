#pragma once
// The console summary of a verify run: one line per case, every failure with check, expected vs actual, the
// rule and the redacted request; totals last.

#include "harness/result/verify_result.hpp"

#include <iosfwd>

namespace harness::reports {

void write_console(const result::verify_result& result, std::ostream& out);

} // namespace harness::reports
