#pragma once
// A load run's per-second view: one timeline entry per second (answered, errors, requested rate, p50/p99/max,
// and which classes of failure happened in it) and the second's whole histogram for the .hlog and for exact
// merges.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace harness::result {

// What went wrong in a second, class by class: every request fate but answered (in request_fate's order), a
// reply with another status than the request deserved, and a checked reply that broke a rule of the contract
// or the profile (the validator's sample: one reply in --validate-sample).
enum class failure_class : std::size_t {
    connect,
    tls,
    timeout,
    reset,
    protocol,
    too_large,
    stream_reset,
    goaway,
    flow_control,
    settings_limit,
    too_late,
    status,    // answered, with another status than the request deserved
    violation, // a checked reply broke a rule
};
inline constexpr std::size_t failure_class_count = 13;
using failure_class_counts = std::array<std::uint64_t, failure_class_count>;

// "reset", "too_late", "status", "violation": the JSON's keys (timeline[].classes).
std::string_view to_string(failure_class c);
std::optional<failure_class> failure_class_from_string(std::string_view name);
// For people (a chart's legend): "reset", "too_late", "another status", "a reply broke a rule".
std::string_view failure_class_words(failure_class c);

struct timeline_entry {
    std::uint32_t second = 0;
    std::uint64_t requests = 0; // answered in that second
    std::uint64_t errors = 0;   // failed requests: transport classes, too late, another status
    double requested_rate = 0;
    std::int64_t p50_us = 0, p99_us = 0, max_us = 0;
    failure_class_counts classes{}; // per failure_class (violations counted among the sampled replies only)
};

struct hlog_line {
    std::uint32_t second = 0;
    std::int64_t max_us = 0;
    std::string histogram_base64;
};

} // namespace harness::result
