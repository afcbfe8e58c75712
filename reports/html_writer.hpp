#pragma once
// A self-contained HTML page (no network, no external files, no JavaScript needed) of verify and load
// results: verdicts, the latency percentile distribution on an HDR axis, latency and throughput over time,
// the status and error breakdown, thresholds, and every failing check with its redacted exchange in an
// expandable block.

#include "harness/result/load_result.hpp"
#include "harness/result/verify_result.hpp"

#include <iosfwd>
#include <vector>

namespace harness::reports {

void write_html(const std::vector<result::verify_result>& verify_runs,
                const std::vector<harness::result::load_result>& load_runs, std::ostream& out);

} // namespace harness::reports
