#include "load_result.hpp"

#include <algorithm>

namespace harness::result {

std::uint64_t load_result::unexpected_statuses() const {
    std::uint64_t unexpected = 0;
    if (!stats.kinds.empty()) {
        // A mix: each kind has its own expected status (a refusal is what an auth-failure kind deserves).
        for (const kind_stats& k : stats.kinds) {
            unexpected += k.wrong_status;
        }
        return unexpected;
    }
    for (std::size_t status = 0; status < stats.statuses.size(); ++status) {
        unexpected += static_cast<int>(status) == expected_status ? 0 : stats.statuses[status];
    }
    return unexpected;
}

double load_result::error_ratio() const {
    if (stats.intended == 0) {
        return 0;
    }
    return static_cast<double>(stats.failed() + unexpected_statuses()) / static_cast<double>(stats.intended);
}

bool load_result::generator_fell_behind() const {
    const auto lag = stats.generator_lag.value_at_percentile(99);
    return lag >= 1000 &&
           static_cast<double>(lag) >= 0.25 * static_cast<double>(stats.latency.value_at_percentile(99));
}

std::string load_result::connections_text() const {
    return std::to_string(connections) + " connections" +
           (streams > 1 ? " × " + std::to_string(streams) + " streams" : std::string());
}

} // namespace harness::result
