#include "pool_stats.hpp"

namespace harness::result {

void pool_stats::merge(const pool_stats& other) {
    opened_mid_run += other.opened_mid_run;
    peak += other.peak;
    too_late_at_cap += other.too_late_at_cap;
    service_early.add(other.service_early);
    service_at_cap.add(other.service_at_cap);
}

} // namespace harness::result
