#include "connection_budget.hpp"

#include <algorithm>
#include <cmath>
#include <sys/resource.h>

namespace harness::load {

namespace {

// Descriptors kept for what is not a load connection: standard streams, result files, the metrics server,
// the store oracle, resolver sockets.
constexpr int file_margin = 64;

} // namespace

connection_budget derive_connection_budget(double peak_rate, int streams, int initial, int given,
                                           int file_budget) {
    if (given > 0) {
        return {std::max(given, initial), 0, false};
    }
    const double lanes = peak_rate * default_latency_allowance_seconds;
    const auto wanted =
        static_cast<int>(std::min(static_cast<double>(default_cap_ceiling),
                                  std::ceil(lanes / static_cast<double>(std::max(1, streams)))));
    const int ceiling = std::min(default_cap_ceiling, std::max(initial, file_budget));
    return {std::clamp(wanted, initial, ceiling), default_latency_allowance_seconds, wanted > ceiling};
}

int open_file_budget() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return default_cap_ceiling;
    }
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) {
            limit = raised;
        }
    }
    if (limit.rlim_cur == RLIM_INFINITY ||
        limit.rlim_cur > static_cast<rlim_t>(default_cap_ceiling + file_margin)) {
        return default_cap_ceiling;
    }
    return std::max(1, static_cast<int>(limit.rlim_cur) - file_margin);
}

} // namespace harness::load
