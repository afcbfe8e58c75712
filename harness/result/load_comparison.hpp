#pragma once
// `report compare`: a load run against a baseline. Reads two `harness.load` results (the one reader of that
// format, so latencies come from the runs' histograms) and, for each
// percentile, the mean, the max and the achieved rate, gives old, new and the change; a gate regresses when a
// latency grows, or the rate falls, by more than the allowed fraction. Compares what the runs measured;
// judges nothing else.

#include "load_result.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace harness::result {

struct comparison_row {
    std::string metric; // "p99", "mean", "max", "rate"
    double base = 0;
    double current = 0;
    bool gated = false;     // counts toward the verdict
    bool regressed = false; // gated and worse by more than allowed
    bool higher_is_better = false;

    double change() const; // (current - base) / base; 0 when base is 0
};

struct load_comparison {
    std::string base_file;
    std::string current_file;
    double max_regression = 0.10;
    std::vector<comparison_row> rows;

    bool regressed() const;
};

// Throws std::invalid_argument (unreadable file, not a harness.load result, unknown gate).
load_comparison compare_load_results(const load_result& base, const load_result& current,
                                     double max_regression, const std::vector<std::string>& gates);
load_comparison compare_load_results(const std::string& base_file, const std::string& current_file,
                                     double max_regression, const std::vector<std::string>& gates);

std::vector<std::string> default_gates(); // p50, p90, p99, p99.9, rate

} // namespace harness::result
