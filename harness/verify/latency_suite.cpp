#include "latency_suite.hpp"

#include "harness/checks/rules.hpp"
#include "harness/result/time_text.hpp"

#include <cstdio>

namespace harness::verify {

using namespace harness::result;

namespace {

std::string case_name(const contract::latency_budget& budget) {
    char text[128];
    std::snprintf(text, sizeof text, "p99 within %.0f ms over %d sends at %.0f/s", budget.p99_ms,
                  budget.requests, budget.rate);
    return text;
}

case_outcome empty_case(const contract::latency_budget& budget) {
    case_outcome c;
    c.suite = "latency";
    c.name = case_name(budget);
    c.description = "an open-loop burst through the load engine; latency from each send's intended time";
    c.covers = {"latency budget"};
    return c;
}

} // namespace

case_outcome latency_budget_case(const load_result& burst, const contract::latency_budget& budget) {
    case_outcome c = empty_case(budget);
    const load_stats& s = burst.stats;
    const auto p99_us = s.latency.value_at_percentile(99);
    const auto budget_us = static_cast<std::int64_t>(budget.p99_ms * 1000);
    c.checks.push_back(checks::make_outcome(
        "latency_p99", s.latency.total_count() > 0 && p99_us <= budget_us,
        "p99 " + format_duration_us(p99_us) + " (max " + format_duration_us(s.latency.max()) + ", p50 " +
            format_duration_us(s.latency.value_at_percentile(50)) + ")" +
            (p99_us <= budget_us ? "" : ", over the budget"),
        "p99 <= " + format_duration_us(budget_us), format_duration_us(p99_us),
        std::string(checks::rules::latency_budget)));
    const std::uint64_t answered = s.count(request_fate::answered);
    c.checks.push_back(checks::make_outcome(
        "burst_answered", answered == s.intended,
        std::to_string(answered) + " of " + std::to_string(s.intended) + " sends answered" +
            (s.first_failure.empty() ? "" : "; first failure: " + s.first_failure),
        std::to_string(s.intended), std::to_string(answered), std::string(checks::rules::endpoint_answers)));
    const std::uint64_t other = burst.unexpected_statuses();
    c.checks.push_back(checks::make_outcome(
        "burst_status", other == 0,
        other == 0 ? "every reply " + std::to_string(burst.expected_status)
                   : std::to_string(other) + " replies with another status than " +
                         std::to_string(burst.expected_status),
        "0 other statuses", std::to_string(other), std::string(checks::rules::success_status)));
    c.checks.push_back(checks::make_outcome("burst_contract", s.violating == 0,
                                            std::to_string(s.validated) + " replies checked, " +
                                                std::to_string(s.violating) + " broke the contract",
                                            "0", std::to_string(s.violating),
                                            std::string(checks::rules::response_schema)));
    c.duration_ms = (burst.setup_seconds + burst.measured_seconds) * 1000.0;
    c.status = judge(c);
    return c;
}

case_outcome latency_budget_not_run(const contract::latency_budget& budget, const std::string& reason) {
    case_outcome c = empty_case(budget);
    c.skip_reason = reason;
    c.status = case_status::skipped;
    return c;
}

} // namespace harness::verify
