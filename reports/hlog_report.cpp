#include "hlog_report.hpp"

#include "harness/hdr/hlog_writer.hpp"

#include <cstdio>
#include <ostream>

namespace harness::reports {

void write_hlog(const result::load_result& r, std::ostream& out) {
    hdr::hlog_writer writer(out, r.start_epoch_seconds,
                            "harness load " + r.target + ": latency in microseconds");
    char prefix[96];
    for (const result::hlog_line& line : r.intervals) {
        std::snprintf(prefix, sizeof prefix, "%.3f,%.3f,%.3f,", static_cast<double>(line.second), 1.0,
                      static_cast<double>(line.max_us) / 1000.0);
        out << prefix << line.histogram_base64 << "\n";
    }
}

} // namespace harness::reports
