#pragma once
// The console summary of a load run: rates, the accounting of every intended request, latency and service
// time by percentile, statuses and errors by class, contract and resend checks, thresholds, and the verdict.

#include "harness/result/load_result.hpp"

#include <iosfwd>

namespace harness::reports {

void write_console(const result::load_result& result, std::ostream& out);

} // namespace harness::reports
