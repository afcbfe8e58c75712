#pragma once
// JUnit XML of a verify run: one <testsuite> per suite, one <testcase> per case, as CI dashboards count tests
// (a failing case's failed checks in its one failure, a cause repeated by copies of a step once with ×N, with
// expected, actual, the rule and the redacted request); the coverage model's gaps as skipped testcases of a
// suite of their own; the run's verdict as a testcase. --junit-per-check keeps the older shape: a testcase
// per check of each case.

#include "harness/result/load_result.hpp"
#include "harness/result/verify_result.hpp"

#include <iosfwd>

namespace harness::reports {

enum class junit_shape { per_case, per_check };

void write_junit(const result::verify_result& result, std::ostream& out,
                 junit_shape shape = junit_shape::per_case);

// A load run: one testcase per threshold (none: a single testcase for the run's accounting).
void write_junit(const harness::result::load_result& result, std::ostream& out);

} // namespace harness::reports
