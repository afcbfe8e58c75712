#include "load_comparison.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace harness::reports {

namespace {

boost::json::object read_load_result(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::invalid_argument(file + ": cannot read");
    }
    std::ostringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    boost::json::value root = boost::json::parse(text.str(), ec);
    if (ec || !root.is_object()) {
        throw std::invalid_argument(file + ": not JSON (" + (ec ? ec.message() : std::string("not an object")) + ")");
    }
    const auto* format = root.as_object().if_contains("format");
    const auto* version = root.as_object().if_contains("formatVersion");
    if (format == nullptr || *format != "harness.load" || version == nullptr || !version->is_int64() ||
        version->as_int64() != 1) {
        throw std::invalid_argument(file + ": not a harness.load result of format version 1");
    }
    return root.as_object();
}

double number_at(const boost::json::object& root, std::initializer_list<const char*> path, const std::string& file) {
    const boost::json::value* v = nullptr;
    const boost::json::object* object = &root;
    for (const char* key : path) {
        v = object != nullptr ? object->if_contains(key) : nullptr;
        if (v == nullptr) {
            throw std::invalid_argument(file + ": missing " + key);
        }
        object = v->if_object();
    }
    if (!v->is_number()) {
        throw std::invalid_argument(file + ": not a number");
    }
    return v->to_number<double>();
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

load_comparison compare_load_results(const std::string& base_file, const std::string& current_file,
                                     double max_regression, const std::vector<std::string>& gates) {
    static const std::vector<std::string> metrics = {"p50", "p75", "p90", "p99", "p99.9", "p99.99", "mean", "max", "rate"};
    for (const std::string& gate : gates) {
        if (std::find(metrics.begin(), metrics.end(), gate) == metrics.end()) {
            throw std::invalid_argument("unknown gate '" + gate + "' (p50, p75, p90, p99, p99.9, p99.99, mean, max, rate)");
        }
    }
    const boost::json::object base = read_load_result(base_file);
    const boost::json::object current = read_load_result(current_file);
    load_comparison result{base_file, current_file, max_regression, {}};
    for (const std::string& metric : metrics) {
        comparison_row row;
        row.metric = metric;
        auto value = [&](const boost::json::object& run, const std::string& file) {
            if (metric == "rate") {
                return number_at(run, {"achievedRate"}, file);
            }
            if (metric == "mean") {
                return number_at(run, {"latency", "meanUs"}, file);
            }
            if (metric == "max") {
                return number_at(run, {"latency", "maxUs"}, file);
            }
            return number_at(run, {"latency", "percentilesUs", metric.c_str()}, file);
        };
        row.base = value(base, base_file);
        row.current = value(current, current_file);
        row.higher_is_better = metric == "rate";
        row.gated = std::find(gates.begin(), gates.end(), metric) != gates.end();
        const double change = row.change();
        row.regressed = row.gated && (row.higher_is_better ? change < -max_regression : change > max_regression);
        result.rows.push_back(row);
    }
    return result;
}

void write_comparison(const load_comparison& c, std::ostream& out) {
    char line[160];
    out << "compare " << c.base_file << " (base) with " << c.current_file << ", allowed regression "
        << c.max_regression * 100 << "%\n";
    std::snprintf(line, sizeof line, "  %-8s %14s %14s %10s  %s\n", "metric", "base", "new", "change", "gate");
    out << line;
    for (const comparison_row& r : c.rows) {
        const bool rate = r.metric == "rate";
        char base[32];
        char current[32];
        std::snprintf(base, sizeof base, rate ? "%.1f/s" : "%.3fms", rate ? r.base : r.base / 1000.0);
        std::snprintf(current, sizeof current, rate ? "%.1f/s" : "%.3fms", rate ? r.current : r.current / 1000.0);
        std::snprintf(line, sizeof line, "  %-8s %14s %14s %+9.1f%%  %s\n", r.metric.c_str(), base, current,
                      r.change() * 100.0, !r.gated ? "-" : r.regressed ? "REGRESSED" : "ok");
        out << line;
    }
    out << (c.regressed() ? "REGRESSED" : "OK") << "\n";
}

} // namespace harness::reports
