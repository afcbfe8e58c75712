#include "load_comparison.hpp"

#include "load_result_io.hpp"

#include <algorithm>
#include <stdexcept>

namespace harness::result {

namespace {

double metric_value(const load_result& run, const std::string& metric) {
    if (metric == "rate") {
        return run.achieved_rate;
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
    return {"p50", "p90", "p99", "p99.9", "rate"};
}

load_comparison compare_load_results(const load_result& base, const load_result& current,
                                     double max_regression, const std::vector<std::string>& gates) {
    static const std::vector<std::string> metrics = {"p50",    "p75",  "p90", "p99", "p99.9",
                                                     "p99.99", "mean", "max", "rate"};
    for (const std::string& gate : gates) {
        if (std::find(metrics.begin(), metrics.end(), gate) == metrics.end()) {
            throw std::invalid_argument("unknown gate '" + gate +
                                        "' (p50, p75, p90, p99, p99.9, p99.99, mean, max, rate)");
        }
    }
    load_comparison comparison;
    comparison.max_regression = max_regression;
    for (const std::string& metric : metrics) {
        comparison_row row;
        row.metric = metric;
        row.base = metric_value(base, metric);
        row.current = metric_value(current, metric);
        row.higher_is_better = metric == "rate";
        row.gated = std::find(gates.begin(), gates.end(), metric) != gates.end();
        const double change = row.change();
        row.regressed =
            row.gated && (row.higher_is_better ? change < -max_regression : change > max_regression);
        comparison.rows.push_back(row);
    }
    return comparison;
}

load_comparison compare_load_results(const std::string& base_file, const std::string& current_file,
                                     double max_regression, const std::vector<std::string>& gates) {
    load_comparison comparison = compare_load_results(read_load_result(base_file),
                                                      read_load_result(current_file), max_regression, gates);
    comparison.base_file = base_file;
    comparison.current_file = current_file;
    return comparison;
}

} // namespace harness::result
