#include "percentile_table.hpp"

#include "harness/result/time_text.hpp"

#include <cstdio>

namespace harness::reports {

std::vector<percentile_row> percentile_table(const result::load_result& run) {
    const hdr::histogram& latency = run.stats.latency;
    const hdr::histogram& service = run.stats.service;
    std::vector<percentile_row> rows;
    for (double p : result::report_percentiles) {
        char label[16];
        std::snprintf(label, sizeof label, "p%g", p);
        rows.push_back({label,
                        result::format_duration_us(static_cast<double>(latency.value_at_percentile(p))),
                        result::format_duration_us(static_cast<double>(service.value_at_percentile(p)))});
    }
    rows.push_back({"max", result::format_duration_us(static_cast<double>(latency.max())),
                    result::format_duration_us(static_cast<double>(service.max()))});
    rows.push_back(
        {"mean", result::format_duration_us(latency.mean()), result::format_duration_us(service.mean())});
    rows.push_back({"stdev", result::format_duration_us(latency.stddev()),
                    result::format_duration_us(service.stddev())});
    return rows;
}

failed_requests_text failed_requests(const result::load_result& run) {
    char share[32];
    std::snprintf(share, sizeof share, "%.2f%%", 100.0 * run.error_ratio());
    return {share, "(" + std::to_string(run.stats.failed()) + " by transport class or too late, " +
                       std::to_string(run.unexpected_statuses()) + " answered with another status than " +
                       std::to_string(run.expected_status) + ")"};
}

} // namespace harness::reports
