#include "hlog_report.hpp"

#include "harness/hdr/histogram_codec.hpp"
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
    // A mix: one tagged line per request kind over the whole measured run (HdrHistogram's Tag=, so a log
    // processor can select a kind: -tag unknown_token).
    for (std::size_t i = 0; i < r.stats.kinds.size(); ++i) {
        const result::kind_stats& k = r.stats.kinds[i];
        if (k.latency.total_count() == 0) {
            continue;
        }
        std::snprintf(prefix, sizeof prefix, "Tag=%s,%.3f,%.3f,%.3f,",
                      std::string(result::to_string(static_cast<result::request_kind>(i))).c_str(), 0.0,
                      r.measured_seconds, static_cast<double>(k.latency.max()) / 1000.0);
        out << prefix << hdr::base64_encode(hdr::encode_compressed(k.latency)) << "\n";
    }
}

} // namespace harness::reports
