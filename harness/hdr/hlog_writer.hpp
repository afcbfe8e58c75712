#pragma once
// Writes an HdrHistogram interval log (.hlog, "Histogram log format version 1.3"), which HdrHistogram's own
// HistogramLogProcessor reads: a header with the start time, the legend, then one line per interval:
//   StartTimestamp,Interval_Length,Interval_Max,Interval_Compressed_Histogram
// Timestamps are seconds relative to StartTime (%.3f); Interval_Max is the interval's max divided by
// `max_unit_ratio` (1000 turns our microseconds into the milliseconds people read). Lines are untagged: the
// reference processor 2.1.11 fails on logs whose every line is tagged.

#include "histogram.hpp"

#include <iosfwd>
#include <string>

namespace harness::hdr {

class hlog_writer {
public:
    // Writes the header at once; `start_epoch_seconds` is the run's start (wall clock).
    hlog_writer(std::ostream& out, double start_epoch_seconds, const std::string& comment);

    void write_interval(double start_seconds, double length_seconds, const histogram& interval,
                        double max_unit_ratio = 1000.0);

private:
    std::ostream& out_;
};

} // namespace harness::hdr
