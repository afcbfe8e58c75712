// The load run's progress line: rates, the p99 of the last complete second and every way a request went wrong
// so far; rewritten in place on a terminal, one plain line per snapshot elsewhere (a CI log).

#include "reports/progress_line.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

result::progress_snapshot snapshot() {
    result::progress_snapshot s;
    s.elapsed_seconds = 3;
    s.total_seconds = 10;
    s.requested_rate = 2000;
    s.achieved_rate = 1999;
    s.counts = {5994, 2, 1, 3};
    s.has_last_second = true;
    s.last_second = 2;
    s.last_second_p99_us = 412;
    return s;
}

TEST(progress_line, shows_rates_the_last_seconds_p99_and_every_count) {
    EXPECT_EQ(progress_line(snapshot()),
              "[   3.0s/10.0s] requested 2000/s achieved 1999/s  p99 (second 2) 412µs  "
              "answered 5994  other status 2  failed 1  too late 3");
    result::progress_snapshot closed = snapshot();
    closed.open_loop = false;
    closed.has_last_second = false;
    EXPECT_EQ(progress_line(closed),
              "[   3.0s/10.0s] closed loop, achieved 1999/s  p99 (no complete second yet)  "
              "answered 5994  other status 2  failed 1  too late 3");
}

TEST(progress_line, rewrites_one_line_on_a_terminal_and_prints_plain_lines_elsewhere) {
    std::ostringstream terminal;
    progress_printer live(terminal, true);
    live(snapshot());
    result::progress_snapshot last = snapshot();
    last.final = true;
    live(last);
    EXPECT_EQ(terminal.str(),
              "\r" + progress_line(snapshot()) + "\033[K" + "\r" + progress_line(last) + "\033[K\n");
    std::ostringstream log;
    progress_printer plain(log, false);
    plain(snapshot());
    plain(snapshot());
    EXPECT_EQ(log.str(), progress_line(snapshot()) + "\n" + progress_line(snapshot()) + "\n");
}

} // namespace
} // namespace harness::reports
