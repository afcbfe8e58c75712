#include "latency_probe.hpp"

#include "load_run.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace harness::load {

harness::result::load_result run_latency_probe(const harness::target::target_spec& target,
                                               const contract::operation& operation,
                                               const contract::profile& profile,
                                               const contract::latency_budget& budget, std::uint64_t run_id) {
    load_plan plan;
    plan.run_id = run_id;
    plan.target = &target;
    plan.operation = &operation;
    plan.profile = &profile;
    plan.schedule.emplace(budget.rate, budget.requests / budget.rate);
    // Enough connections that a stall of one reply (up to the budget's whole p99) never makes the next
    // arrivals wait for a connection: the rate times the budget, at least 4, at most 64.
    plan.connections =
        std::clamp(static_cast<int>(std::ceil(budget.rate * budget.p99_ms / 1000.0)) + 2, 4, 64);
    plan.timeout = target.client.response_timeout;
    plan.expected_status = profile.success_status;
    plan.validate_every = 1;
    plan.max_body_bytes = target.client.max_response_bytes;
    std::atomic<bool> never_stopped{false};
    return run_load(plan, {}, never_stopped);
}

} // namespace harness::load
