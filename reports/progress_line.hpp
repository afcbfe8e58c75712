#pragma once
// The load run's progress line: on a terminal one live line rewritten in place; otherwise (a CI log, a pipe)
// one plain line per snapshot, as k6 prints in CI. Every line shows the requested and achieved rate, the p99
// of the last complete second, and every way a request went wrong so far.

#include "harness/result/progress_snapshot.hpp"

#include <iosfwd>
#include <string>

namespace harness::reports {

// "[  3.0s/10.0s] requested 2000/s achieved 1999/s  p99 (second 2) 412us  answered 5994  other status 0
// failed 0  too late 0"
std::string progress_line(const result::progress_snapshot& s);

class progress_printer {
public:
    progress_printer(std::ostream& out, bool terminal) : out_(out), terminal_(terminal) {}

    void operator()(const result::progress_snapshot& s);

private:
    std::ostream& out_;
    bool terminal_;
};

} // namespace harness::reports
