#include "load_result.hpp"

namespace harness::result {

double load_result::error_ratio() const {
    if (stats.intended == 0) {
        return 0;
    }
    std::uint64_t errors = stats.failed();
    for (std::size_t status = 400; status < stats.statuses.size(); ++status) {
        errors += stats.statuses[status];
    }
    return static_cast<double>(errors) / static_cast<double>(stats.intended);
}

bool load_result::passed() const {
    for (const auto& t : thresholds) {
        if (!t.passed) {
            return false;
        }
    }
    return true;
}

} // namespace harness::result
