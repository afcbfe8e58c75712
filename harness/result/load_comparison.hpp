#pragma once
// `report compare`: a load run against a baseline. Reads two `harness.load` results (the one reader of that
// format, so latencies come from the runs' histograms) and, for each
// percentile, the mean, the max and the achieved rate, gives old, new and the change; a gate regresses when a
// latency grows, or the rate falls, by more than the allowed fraction. Compares what the runs measured;
// judges nothing else.

#include "load_result.hpp"

#include <iosfwd>
#include <stdexcept>
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

// How two runs are compared.
struct comparison_settings {
    double max_regression = 0.10;        // a gated metric regresses when worse by more than this share…
    double min_latency_change_us = 1000; // …and, for latencies, by more than this (a noise floor: two
                                         // identical runs back to back differ by tens of microseconds)
    double min_error_change = 0.001;     // errors regress when the failed share grows by more than 0.1 points
    std::vector<std::string> gates = {"p50", "p90", "p99", "p99.9", "rate", "errors"};
    bool force = false; // compare runs of different modes or rates, which is otherwise refused
};

// A comparison that would mislead (different modes or rates, a run with nothing answered): exit 2.
class comparison_refused : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

struct load_comparison {
    std::string base_file;
    std::string current_file;
    double max_regression = 0.10;
    std::vector<comparison_row> rows;

    bool regressed() const;
};

// Throws std::invalid_argument (unreadable file, not a harness.load result, unknown gate) and
// comparison_refused.
load_comparison compare_load_results(const load_result& base, const load_result& current,
                                     const comparison_settings& settings);
load_comparison compare_load_results(const std::string& base_file, const std::string& current_file,
                                     const comparison_settings& settings);

std::vector<std::string> default_gates(); // p50, p90, p99, p99.9, rate, errors

} // namespace harness::result
