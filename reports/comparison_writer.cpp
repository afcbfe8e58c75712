#include "comparison_writer.hpp"

#include "harness/result/time_text.hpp"

#include <cstdio>
#include <ostream>

namespace harness::reports {

void write_comparison(const result::load_comparison& c, std::ostream& out) {
    char line[160];
    out << "compare " << c.base_file << " (base) with " << c.current_file << ", allowed regression "
        << c.max_regression * 100 << "%\n";
    std::snprintf(line, sizeof line, "  %-8s %14s %14s %10s  %s\n", "metric", "base", "new", "change",
                  "gate");
    out << line;
    for (const result::comparison_row& r : c.rows) {
        const bool rate = r.metric == "rate";
        char base_rate[32];
        char current_rate[32];
        std::snprintf(base_rate, sizeof base_rate, "%.1f/s", r.base);
        std::snprintf(current_rate, sizeof current_rate, "%.1f/s", r.current);
        const std::string base = rate ? base_rate : result::format_duration_us(r.base);
        const std::string current = rate ? current_rate : result::format_duration_us(r.current);
        std::snprintf(line, sizeof line, "  %-8s %14s %14s %+9.1f%%  %s\n", r.metric.c_str(), base.c_str(),
                      current.c_str(), r.change() * 100.0,
                      !r.gated      ? "-"
                      : r.regressed ? "REGRESSED"
                                    : "ok");
        out << line;
    }
    out << (c.regressed() ? "REGRESSED" : "OK") << "\n";
}

} // namespace harness::reports
