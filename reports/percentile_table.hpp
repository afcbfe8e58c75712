#pragma once
// The one latency table of a load run, shared by the console, Markdown and HTML writers (each adds only its
// markup): a row per report percentile, then max, mean and standard deviation, for latency and service time.

#include "harness/result/load_result.hpp"

#include <string>
#include <vector>

namespace harness::reports {

struct percentile_row {
    std::string label;   // "p99.9", "max", "mean", "stdev"
    std::string latency; // formatted durations
    std::string service;
};

std::vector<percentile_row> percentile_table(const result::load_result& run);

} // namespace harness::reports
