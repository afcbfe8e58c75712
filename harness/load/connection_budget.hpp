#pragma once
// How many connections an open-loop run may grow its pool to (issue 25, row 4). --connections is the pool at
// time zero; when a request is due and every lane is busy the pool opens another connection, up to the cap.
// The cap is --connection-cap when given, else derived: the schedule's peak rate × a latency allowance
// (requests a target answering within the allowance keeps in flight at once), divided by the lanes of a
// connection, never under the first pool — and never over what the process may open (its file limit).

namespace harness::load {

// A target answering within this keeps the default cap's pool enough for the rate.
inline constexpr double default_latency_allowance_seconds = 1.0;
// Whatever the rate, a pool never grows past this many connections by default.
inline constexpr int default_cap_ceiling = 10000;

struct connection_budget {
    int cap = 0;
    double allowance_seconds = 0;  // what the default was derived from; 0 when given
    bool limited_by_files = false; // the default was cut to the open-file limit
};

// `given` > 0: that cap (never under `initial`). Otherwise derived from `peak_rate` and `streams`, within
// [initial, min(default_cap_ceiling, file_budget)].
connection_budget derive_connection_budget(double peak_rate, int streams, int initial, int given,
                                           int file_budget);

// Connections this process can hold open: raises its soft open-file limit to the hard one (as `ulimit -n`
// would) and keeps a margin for everything else it opens.
int open_file_budget();

} // namespace harness::load
