#include "load_limit.hpp"

#include "time_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace harness::result {

namespace {

std::string rate_text(double rate) {
    char text[32];
    std::snprintf(text, sizeof text, "%.0f", rate);
    return text;
}

// The highest rate the run asked for: a ramp needs its peak's connections, not its mean's.
double peak_requested_rate(const load_result& run) {
    double peak = run.requested_rate;
    for (const timeline_entry& e : run.timeline) {
        peak = std::max(peak, e.requested_rate);
    }
    return peak;
}

// The pace the target kept at the cap (its median), else over the whole run.
double service_at_cap_us(const load_result& run) {
    const pool_stats& pool = run.stats.pool;
    const hdr::histogram& service =
        pool.service_at_cap.total_count() > 0 ? pool.service_at_cap : run.stats.service;
    return static_cast<double>(service.value_at_percentile(50));
}

std::string cap_shortfall(const load_result& run) {
    const pool_stats& pool = run.stats.pool;
    const double rate = peak_requested_rate(run);
    const double service_us = service_at_cap_us(run);
    const int needed = connections_needed(rate, service_us, run.streams);
    std::string lanes = run.streams > 1 ? " (" + std::to_string(run.streams) + " streams each)" : "";
    return "could not offer " + rate_text(rate) + " req/s: about rate × service time = " + rate_text(rate) +
           " req/s × " + format_duration_us(service_us) + " = " + std::to_string(needed) + " connections" +
           lanes + " are needed, the cap is " + std::to_string(run.connection_cap) +
           ": raise it (--connection-cap); " + std::to_string(pool.too_late_at_cap) +
           " request(s) were too late to send";
}

} // namespace

std::string_view to_string(load_limit limit) {
    switch (limit) {
    case load_limit::none:
        return "none";
    case load_limit::target_slowed:
        return "target_slowed";
    case load_limit::connection_cap:
        return "connection_cap";
    case load_limit::generator_pace:
        return "generator_pace";
    }
    return "none";
}

load_limit load_limit_from_string(std::string_view text) {
    for (const load_limit limit :
         {load_limit::target_slowed, load_limit::connection_cap, load_limit::generator_pace}) {
        if (to_string(limit) == text) {
            return limit;
        }
    }
    return load_limit::none;
}

int connections_needed(double rate, double service_us, int streams) {
    const double lanes = rate * service_us / 1e6;
    return std::max(1, static_cast<int>(std::lround(lanes / std::max(1, streams))));
}

load_limit_finding find_load_limit(const load_result& run) {
    const std::uint64_t too_late = run.stats.count(request_fate::too_late);
    if (too_late == 0 || run.connection_cap <= 0) {
        return {};
    }
    const pool_stats& pool = run.stats.pool;
    // At the cap but with connections enough for rate × service time: the generator did not keep pace.
    const bool pool_enough = connections_needed(peak_requested_rate(run), service_at_cap_us(run),
                                                run.streams) < run.connection_cap;
    if (pool.too_late_at_cap == 0 || pool_enough) {
        return {load_limit::generator_pace,
                "fell behind its schedule: " + std::to_string(too_late) +
                    " request(s) were too late to send while its pool had room (the generator's own pace: a "
                    "busy CPU or too few --threads, not the target)"};
    }
    const auto early = static_cast<double>(pool.service_early.value_at_percentile(99));
    const auto at_cap = static_cast<double>(pool.service_at_cap.value_at_percentile(99));
    if (pool.service_early.total_count() > 0 && pool.service_at_cap.total_count() > 0 &&
        at_cap > target_slowdown_factor * early) {
        return {load_limit::target_slowed,
                "the target slowed down: its service time p99 rose from " + format_duration_us(early) +
                    " in the first seconds to " + format_duration_us(at_cap) + " while all " +
                    std::to_string(run.connection_cap) + " connections of the cap were busy, and " +
                    std::to_string(pool.too_late_at_cap) + " request(s) could not be sent in time"};
    }
    return {load_limit::connection_cap, cap_shortfall(run)};
}

} // namespace harness::result
