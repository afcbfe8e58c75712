#pragma once
// What every load writer states the same way (each adds only its markup): the one latency table — a row per
// report percentile, then max, mean and standard deviation, for latency and service time — and the failed
// share.

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

// The failed share and its parts, for every writer's summary: {"2.50%", "(3 by transport class or too late,
// 22 answered with another status than 200)"}.
struct failed_requests_text {
    std::string share;
    std::string parts;
};
failed_requests_text failed_requests(const result::load_result& run);

} // namespace harness::reports
