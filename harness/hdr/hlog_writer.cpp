#include "hlog_writer.hpp"

#include "histogram_codec.hpp"

#include <cstdio>
#include <ctime>
#include <ostream>

namespace harness::hdr {

hlog_writer::hlog_writer(std::ostream& out, double start_epoch_seconds, const std::string& comment)
    : out_(out) {
    const auto whole = static_cast<std::time_t>(start_epoch_seconds);
    std::tm utc{};
    gmtime_r(&whole, &utc);
    char date[64];
    std::strftime(date, sizeof date, "%a %b %d %H:%M:%S UTC %Y", &utc);
    char start[64];
    std::snprintf(start, sizeof start, "%.3f", start_epoch_seconds);
    if (!comment.empty()) {
        out_ << "#" << comment << "\n";
    }
    out_ << "#[Histogram log format version 1.3]\n";
    out_ << "#[StartTime: " << start << " (seconds since epoch), " << date << "]\n";
    out_ << "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n";
}

void hlog_writer::write_interval(double start_seconds, double length_seconds, const histogram& interval,
                                 double max_unit_ratio) {
    char prefix[96];
    std::snprintf(prefix, sizeof prefix, "%.3f,%.3f,%.3f,", start_seconds, length_seconds,
                  static_cast<double>(interval.max()) / max_unit_ratio);
    out_ << prefix << base64_encode(encode_compressed(interval)) << "\n";
}

} // namespace harness::hdr
