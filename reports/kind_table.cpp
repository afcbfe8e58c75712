#include "kind_table.hpp"

#include "harness/result/time_text.hpp"

namespace harness::reports {

namespace {

std::string problem_of(const result::kind_stats& k) {
    std::string parts;
    const auto add = [&](const std::string& part) {
        parts += (parts.empty() ? "" : "; ") + part;
    };
    if (k.wrong_status > 0) {
        add(std::to_string(k.wrong_status) + " got another status than " + std::to_string(k.expected_status) +
            " (" + k.rule + ")");
    }
    if (k.data_mismatches > 0) {
        add(std::to_string(k.data_mismatches) +
            " resends got other data than the first reply (profile rule 6, idempotency.on_same_payload)");
    }
    if (k.failed > 0) {
        add(std::to_string(k.failed) + " failed in transport");
    }
    if (k.broke_rule > 0) {
        add(std::to_string(k.broke_rule) + " of " + std::to_string(k.checked) +
            " checked broke a rule, first: " + k.first_problem);
    }
    return parts;
}

} // namespace

std::vector<kind_row> kind_rows(const result::load_result& r) {
    std::vector<kind_row> rows;
    for (std::size_t i = 0; i < r.stats.kinds.size(); ++i) {
        const result::kind_stats& k = r.stats.kinds[i];
        if (k.intended == 0) {
            continue;
        }
        rows.push_back({std::string(result::to_string(static_cast<result::request_kind>(i))),
                        k.expected_status, k.intended, k.held(), k.not_held(),
                        result::format_duration_us(static_cast<double>(k.latency.value_at_percentile(50))),
                        result::format_duration_us(static_cast<double>(k.latency.value_at_percentile(99))),
                        k.not_held() > 0 ? problem_of(k) : ""});
    }
    return rows;
}

} // namespace harness::reports
