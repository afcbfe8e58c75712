#include "comparison_writer.hpp"

#include "unit_text.hpp"

#include <cstdio>
#include <ostream>

namespace harness::reports {

namespace {

// A metric's value as people read it: a rate per second, a share of requests, or a duration.
std::string shown(const std::string& metric, double value) {
    char text[32];
    if (metric == "rate") {
        std::snprintf(text, sizeof text, "%.1f/s", value);
        return text;
    }
    if (metric == "errors") {
        std::snprintf(text, sizeof text, "%.2f%%", value * 100.0);
        return text;
    }
    return duration_text(value);
}

} // namespace

void write_comparison(const result::load_comparison& c, std::ostream& out) {
    char line[160];
    out << "compare " << c.base_file << " (base) with " << c.current_file << ", allowed regression "
        << c.max_regression * 100 << "%\n";
    std::snprintf(line, sizeof line, "  %-8s %14s %14s %10s  %s\n", "metric", "base", "new", "change",
                  "gate");
    out << line;
    for (const result::comparison_row& r : c.rows) {
        const std::string base = shown(r.metric, r.base);
        const std::string current = shown(r.metric, r.current);
        std::snprintf(line, sizeof line, "  %-8s %s %s %+9.1f%%  %s\n", r.metric.c_str(),
                      right_aligned(base, 14).c_str(), right_aligned(current, 14).c_str(), r.change() * 100.0,
                      !r.gated      ? "-"
                      : r.regressed ? "REGRESSED"
                                    : "ok");
        out << line;
    }
    out << (c.regressed() ? "REGRESSED" : "OK") << "\n";
}

} // namespace harness::reports
