#include "threshold.hpp"

#include <charconv>
#include <regex>
#include <stdexcept>

namespace harness::load {

threshold parse_threshold(const std::string& text) {
    static const std::regex pattern(R"(^\s*(p[0-9]+(?:\.[0-9]+)?|mean|max|errors|rate|violations|mismatches)\s*(<=|>=|==|<|>)\s*([0-9]+(?:\.[0-9]+)?)\s*(us|µs|ms|s|%)?\s*$)");
    std::smatch m;
    if (!std::regex_match(text, m, pattern)) {
        throw std::invalid_argument("threshold '" + text +
                                    "' is not METRIC OP VALUE (e.g. p99<50ms, errors<0.1%, rate>=0.95, violations==0)");
    }
    threshold t;
    t.text = text;
    t.metric = m[1];
    t.op = m[2];
    t.limit = std::stod(m[3]);
    const std::string unit = m[4];
    const bool latency = t.metric[0] == 'p' || t.metric == "mean" || t.metric == "max";
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
        t.limit = unit == "%" ? t.limit / 100.0 : t.limit;
    } else if (!unit.empty() && !(t.metric == "rate" && unit == "%")) {
        throw std::invalid_argument("threshold '" + text + "': " + t.metric + " takes no unit");
    } else if (unit == "%") {
        t.limit /= 100.0;
    }
    return t;
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

} // namespace harness::load
