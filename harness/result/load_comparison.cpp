#include "load_comparison.hpp"

#include "load_result_io.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace harness::result {

namespace {

double metric_value(const load_result& run, const std::string& metric) {
    if (metric == "rate") {
        return run.achieved_rate;
    }
    if (metric == "errors") {
        return run.error_ratio();
    }
    if (metric == "mean") {
        return run.stats.latency.mean();
    }
    if (metric == "max") {
        return static_cast<double>(run.stats.latency.max());
    }
    return static_cast<double>(run.stats.latency.value_at_percentile(std::stod(metric.substr(1))));
}

} // namespace

double comparison_row::change() const {
    return base == 0 ? 0 : (current - base) / base;
}

bool load_comparison::regressed() const {
    return std::any_of(rows.begin(), rows.end(), [](const comparison_row& r) { return r.regressed; });
}

std::vector<std::string> default_gates() {
    return comparison_settings{}.gates;
}

namespace {

// Runs that cannot be compared honestly: different modes, different requested rates, nothing answered.
void refuse_unless_comparable(const load_result& base, const load_result& current, bool force) {
    const auto answered = [](const load_result& r) {
        return r.stats.count(request_fate::answered);
    };
    if (answered(base) == 0 || answered(current) == 0) {
        throw comparison_refused(std::string(answered(base) == 0 ? "the baseline" : "the new run") +
                                 " answered nothing: there is nothing to compare");
    }
    if (force) {
        return;
    }
    if (base.mode != current.mode) {
        throw comparison_refused(
            "the baseline is a " + base.mode + "-loop run and the new one a " + current.mode +
            "-loop run: their latencies mean different things (--force to compare anyway)");
    }
    if (base.mode == "open" && base.requested_rate > 0 &&
        std::abs(current.requested_rate / base.requested_rate - 1.0) > 0.05) {
        throw comparison_refused("the runs were asked for different rates (" +
                                 std::to_string(base.requested_rate) + " and " +
                                 std::to_string(current.requested_rate) +
                                 " req/s): latency depends on the rate (--force to compare anyway)");
    }
}

bool worse(const comparison_row& row, const comparison_settings& settings) {
    const double change = row.change();
    if (row.higher_is_better) {
        return change < -settings.max_regression;
    }
    if (row.metric == "errors") {
        return row.current - row.base >
               std::max(settings.min_error_change, row.base * settings.max_regression);
    }
    return change > settings.max_regression && row.current - row.base > settings.min_latency_change_us;
}

} // namespace

load_comparison compare_load_results(const load_result& base, const load_result& current,
                                     const comparison_settings& settings) {
    static const std::vector<std::string> metrics = {"p50",    "p75",  "p90", "p99",  "p99.9",
                                                     "p99.99", "mean", "max", "rate", "errors"};
    for (const std::string& gate : settings.gates) {
        if (std::find(metrics.begin(), metrics.end(), gate) == metrics.end()) {
            throw std::invalid_argument("unknown gate '" + gate +
                                        "' (p50, p75, p90, p99, p99.9, p99.99, mean, max, rate, errors)");
        }
    }
    refuse_unless_comparable(base, current, settings.force);
    load_comparison comparison;
    comparison.max_regression = settings.max_regression;
    for (const std::string& metric : metrics) {
        comparison_row row;
        row.metric = metric;
        row.base = metric_value(base, metric);
        row.current = metric_value(current, metric);
        row.higher_is_better = metric == "rate";
        row.gated = std::find(settings.gates.begin(), settings.gates.end(), metric) != settings.gates.end();
        row.regressed = row.gated && worse(row, settings);
        comparison.rows.push_back(row);
    }
    return comparison;
}

load_comparison compare_load_results(const std::string& base_file, const std::string& current_file,
                                     const comparison_settings& settings) {
    load_comparison comparison =
        compare_load_results(read_load_result(base_file), read_load_result(current_file), settings);
    comparison.base_file = base_file;
    comparison.current_file = current_file;
    return comparison;
}

} // namespace harness::result
