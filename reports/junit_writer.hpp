#pragma once
// JUnit XML of a verify run: one <testsuite> per suite, one <testcase> per check per case (a skipped case is
// one skipped testcase), failures with expected, actual, the rule and the redacted request.

#include "harness/result/load_result.hpp"
#include "harness/result/verify_result.hpp"

#include <iosfwd>

namespace harness::reports {

void write_junit(const result::verify_result& result, std::ostream& out);

// A load run: one testcase per threshold (none: a single testcase for the run's accounting).
void write_junit(const harness::result::load_result& result, std::ostream& out);

} // namespace harness::reports
