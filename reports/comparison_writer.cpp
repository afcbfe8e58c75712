#include "comparison_writer.hpp"

#include <cstdio>
#include <ostream>

namespace harness::reports {

void write_comparison(const result::load_comparison& c, std::ostream& out) {
    char line[160];
    out << "compare " << c.base_file << " (base) with " << c.current_file << ", allowed regression "
        << c.max_regression * 100 << "%\n";
    std::snprintf(line, sizeof line, "  %-8s %14s %14s %10s  %s\n", "metric", "base", "new", "change", "gate");
    out << line;
    for (const result::comparison_row& r : c.rows) {
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
