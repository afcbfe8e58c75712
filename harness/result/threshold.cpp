#include "threshold.hpp"

#include "load_result.hpp"
#include "run_judgement.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <regex>
#include <stdexcept>

namespace harness::result {

threshold parse_threshold(const std::string& text) {
    static const std::regex pattern(
        R"(^\s*(p[0-9]+(?:\.[0-9]+)?|mean|max|errors|rate|violations|mismatches|stored)\s*(<=|>=|==|<|>)\s*([0-9]+(?:\.[0-9]+)?)\s*(us|µs|ms|s|%)?\s*$)");
    std::smatch m;
    if (!std::regex_match(text, m, pattern)) {
        // Name what is wrong: most often the metric (a typo, or one that does not exist).
        static const std::regex metric_part(R"(^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(<=|>=|==|<|>))");
        std::smatch head;
        const std::string known =
            "p50, p90, p99, p99.9 (any percentile pN), mean, max, errors, rate, violations, "
            "mismatches, stored";
        if (std::regex_search(text, head, metric_part) &&
            !std::regex_match(
                std::string(head[1]),
                std::regex(R"(p[0-9]+(\.[0-9]+)?|mean|max|errors|rate|violations|mismatches|stored)"))) {
            throw std::invalid_argument("threshold '" + text + "': unknown metric '" + std::string(head[1]) +
                                        "' (the metrics: " + known + ")");
        }
        throw std::invalid_argument(
            "threshold '" + text +
            "' is not METRIC OP VALUE (e.g. p99<50ms, errors<0.1%, rate>=0.95, violations==0; the metrics: " +
            known + ")");
    }
    threshold t;
    t.text = text;
    t.metric = m[1];
    t.op = m[2];
    t.limit = std::stod(m[3]);
    const std::string unit = m[4];
    const bool latency = is_latency(t);
    if (t.metric[0] == 'p') {
        t.percentile = std::stod(t.metric.substr(1));
        if (t.percentile <= 0 || t.percentile > 100) {
            throw std::invalid_argument("threshold '" + text + "': the percentile must be in (0, 100]");
        }
    }
    if (latency) {
        if (unit.empty() || unit == "%") {
            throw std::invalid_argument("threshold '" + text + "': a latency needs a unit (us, ms, s)");
        }
        t.limit *= unit == "s" ? 1e6 : unit == "ms" ? 1e3 : 1.0;
    } else if (t.metric == "errors") {
        if (unit.empty() && t.limit > 1) {
            // A share of requests: "errors<10" would always hold; the user meant a percentage or a count.
            throw std::invalid_argument("threshold '" + text +
                                        "': errors is a share of the intended requests: write " +
                                        std::string(m[3]) + "% or a fraction from 0 to 1");
        }
        t.limit = unit == "%" ? t.limit / 100.0 : t.limit;
    } else if (!unit.empty() && !(t.metric == "rate" && unit == "%")) {
        throw std::invalid_argument("threshold '" + text + "': " + t.metric + " takes no unit");
    } else if (unit == "%") {
        t.limit /= 100.0;
    }
    return t;
}

bool is_latency(const threshold& t) {
    return !t.metric.empty() && (t.metric[0] == 'p' || t.metric == "mean" || t.metric == "max");
}

std::string format_metric_value(const threshold& t, double value) {
    if (is_latency(t)) {
        return format_duration_us(value);
    }
    char text[64];
    if (std::isnan(value)) {
        return "not counted"; // a metric the run could not measure (stored without a store's count)
    }
    if (t.metric == "errors") {
        std::snprintf(text, sizeof text, "%.2f%%", 100.0 * value);
    } else if (t.metric == "rate") {
        std::snprintf(text, sizeof text, "%.2f%% of requested", 100.0 * value);
    } else {
        std::snprintf(text, sizeof text, "%.0f", value);
    }
    return text;
}

std::vector<threshold> default_thresholds() {
    std::vector<threshold> defaults{parse_threshold("errors<=1%"), parse_threshold("violations==0"),
                                    parse_threshold("stored==0")};
    for (threshold& t : defaults) {
        t.by_default = true;
    }
    return defaults;
}

std::vector<threshold> thresholds_with_defaults(std::vector<threshold> user, bool keep_defaults) {
    if (!keep_defaults) {
        return user;
    }
    for (threshold& d : default_thresholds()) {
        const bool replaced =
            std::any_of(user.begin(), user.end(), [&d](const threshold& t) { return t.metric == d.metric; });
        if (!replaced) {
            user.push_back(std::move(d));
        }
    }
    return user;
}

bool compare(double value, const std::string& op, double limit) {
    if (op == "<") {
        return value < limit;
    }
    if (op == "<=") {
        return value <= limit;
    }
    if (op == ">") {
        return value > limit;
    }
    if (op == ">=") {
        return value >= limit;
    }
    return value == limit;
}

namespace {

double metric_value(const load_result& r, const threshold& t) {
    if (t.metric[0] == 'p') {
        return static_cast<double>(r.stats.latency.value_at_percentile(t.percentile));
    }
    if (t.metric == "mean") {
        return r.stats.latency.mean();
    }
    if (t.metric == "max") {
        return static_cast<double>(r.stats.latency.max());
    }
    if (t.metric == "errors") {
        return r.error_ratio();
    }
    if (t.metric == "rate") {
        return r.requested_rate > 0 ? r.achieved_rate / r.requested_rate : 1.0;
    }
    if (t.metric == "violations") {
        return static_cast<double>(r.stats.violating);
    }
    if (t.metric == "stored") {
        // No count after the run: nothing to judge, and a threshold the user gave on it must not hold.
        return r.store ? static_cast<double>(r.store->against_rules()) : std::nan("");
    }
    return static_cast<double>(r.stats.resend_mismatches);
}

} // namespace

void evaluate_thresholds(load_result& result, const std::vector<threshold>& thresholds) {
    result.thresholds.clear();
    for (const threshold& t : thresholds) {
        if (t.by_default && t.metric == "stored" && !result.store) {
            continue; // the default stored==0 judges the runs that counted the store, only those
        }
        const double actual = metric_value(result, t);
        result.thresholds.push_back({t, actual, compare(actual, t.op, t.limit)});
    }
    result.verdict = judge_load_run(result);
}

} // namespace harness::result
