#pragma once
// The first screen of the HTML report, for the CI reader: one table, a row per run, with its verdict,
// coverage (verify), p50 and p99 against the latency thresholds (load, and verify's background load), and its
// failures grouped by cause with their counts. Everything in it is read from the results: it judges nothing.

#include "harness/result/load_result.hpp"
#include "harness/result/verify_result.hpp"

#include <iosfwd>
#include <vector>

namespace harness::reports {

void write_summary(const std::vector<result::verify_result>& verify_runs,
                   const std::vector<harness::result::load_result>& load_runs, std::ostream& out);

} // namespace harness::reports
