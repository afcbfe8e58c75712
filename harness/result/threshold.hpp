#pragma once
// Pass/fail thresholds on a load run's aggregate (k6 style): "p99<50ms", "p99.9<200ms", "mean<=20ms",
// "max<1s", "errors<0.1%", "rate>=0.95" (achieved / requested), "violations==0", "mismatches==0",
// "stored==0" (messages a store oracle counted against the rules: load_result::store_tally::against_rules).
// Thresholds only judge: they read the result and say whether it holds.

#include <string>
#include <vector>

namespace harness::result {

struct load_result;

struct threshold {
    std::string text;        // as written
    std::string metric;      // "p99", "mean", "max", "errors", "rate", "violations", "mismatches", "stored"
    double percentile = 0;   // for pNN
    std::string op;          // <, <=, >, >=, ==
    double limit = 0;        // in µs for latencies, a fraction for errors/rate, a count otherwise
    bool by_default = false; // one of default_thresholds(), not given by the user
};

// Throws std::invalid_argument saying what is wrong and what is expected.
threshold parse_threshold(const std::string& text);

bool compare(double value, const std::string& op, double limit);

// What a load run is judged by when the user gives no threshold (k6 counts failed checks the same way): at
// most 1 % failed requests, no reply that breaks the contract, and (in a run that counted the store) no
// message stored against the rules: errors<=1%, violations==0, stored==0.
std::vector<threshold> default_thresholds();

// What judges a load run: the user's thresholds, and the defaults for every metric the user did not judge (a
// user threshold on `errors` replaces `errors<=1%`; `p99<300ms` adds to both defaults); none of the defaults
// when `keep_defaults` is false (--no-default-thresholds).
std::vector<threshold> thresholds_with_defaults(std::vector<threshold> user, bool keep_defaults);

// Whether the metric is a latency (its limit and actual value in µs).
bool is_latency(const threshold& t);

// A metric's value as every writer shows it, with its unit: "59.711ms" for a latency, "0.52%" for errors,
// "95.10% of requested" for rate, "3" for a count (never a bare 59711); "not counted" for NaN (stored without
// a store's count after the run).
std::string format_metric_value(const threshold& t, double value);

// Judges each threshold against the result (fills result.thresholds). The default stored==0 is left out of a
// run without a store tally; a user's threshold on stored fails there ("not counted").
void evaluate_thresholds(load_result& result, const std::vector<threshold>& thresholds);

} // namespace harness::result
