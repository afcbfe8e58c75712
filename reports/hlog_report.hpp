#pragma once
// A load run's latency as an HdrHistogram interval log (.hlog, microseconds): one line per second of the run,
// readable by HdrHistogram's own HistogramLogProcessor.

#include "harness/result/load_result.hpp"

#include <iosfwd>

namespace harness::reports {

void write_hlog(const result::load_result& result, std::ostream& out);

} // namespace harness::reports
