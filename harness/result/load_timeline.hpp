#pragma once
// A load run's per-second view: one timeline entry per second (answered, errors, requested rate, p50/p99/max)
// and the second's whole histogram for the .hlog and for exact merges.

#include <cstdint>
#include <string>

namespace harness::result {

struct timeline_entry {
    std::uint32_t second = 0;
    std::uint64_t requests = 0; // answered in that second
    std::uint64_t errors = 0;
    double requested_rate = 0;
    std::int64_t p50_us = 0, p99_us = 0, max_us = 0;
};

struct hlog_line {
    std::uint32_t second = 0;
    std::int64_t max_us = 0;
    std::string histogram_base64;
};

} // namespace harness::result
