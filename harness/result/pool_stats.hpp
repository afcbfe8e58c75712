#pragma once
// The generator's connection budget in an open-loop run (issue 25): how the pool grew past its first
// connections, and the service times that later tell who ran out when requests went too late at its cap —
// the target (it slowed down) or the generator (too few connections for rate × service time). Counted per
// thread without allocating, merged after join like the rest of load_stats.

#include "harness/hdr/histogram.hpp"

#include <cstdint>

namespace harness::result {

struct pool_stats {
    std::uint64_t opened_mid_run = 0;  // connections opened after time zero because every lane was busy
    std::uint64_t peak = 0;            // connections open at once (the sum of each thread's most)
    std::uint64_t too_late_at_cap = 0; // slots too late to send while the pool was at its cap
    // Service time (µs) of the requests sent in the first measured seconds: the target's pace before any
    // queue could build.
    hdr::histogram service_early;
    // Service time (µs) of the replies that came while the pool was at its cap and requests waited for a
    // lane: the target's pace while the generator could not send.
    hdr::histogram service_at_cap;

    void merge(const pool_stats& other);
};

} // namespace harness::result
