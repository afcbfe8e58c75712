#include "progress_line.hpp"

#include "unit_text.hpp"

#include <cstdio>
#include <ostream>

namespace harness::reports {

std::string progress_line(const result::progress_snapshot& s) {
    char rates[96];
    if (s.open_loop) {
        std::snprintf(rates, sizeof rates, "requested %.0f/s achieved %.0f/s", s.requested_rate,
                      s.achieved_rate);
    } else {
        std::snprintf(rates, sizeof rates, "closed loop, achieved %.0f/s", s.achieved_rate);
    }
    std::string p99 = "p99 (no complete second yet)";
    if (s.has_last_second) {
        p99 = "p99 (second " + std::to_string(s.last_second) + ") " +
              duration_text(static_cast<double>(s.last_second_p99_us));
    }
    char line[320];
    std::snprintf(line, sizeof line,
                  "[%6.1fs/%.1fs] %s  %s  answered %llu  other status %llu  failed %llu  too late %llu",
                  s.elapsed_seconds, s.total_seconds, rates, p99.c_str(),
                  static_cast<unsigned long long>(s.counts.answered),
                  static_cast<unsigned long long>(s.counts.other_status),
                  static_cast<unsigned long long>(s.counts.failed),
                  static_cast<unsigned long long>(s.counts.too_late));
    return line;
}

void progress_printer::operator()(const result::progress_snapshot& s) {
    if (terminal_) {
        out_ << "\r" << progress_line(s) << "\033[K" << (s.final ? "\n" : "") << std::flush;
    } else {
        out_ << progress_line(s) << "\n" << std::flush;
    }
}

} // namespace harness::reports
