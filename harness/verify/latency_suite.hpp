#pragma once
// The latency suite: judges's burst (harness/load/latency_probe) against the profile's budget and states it
// as a verify case: p99 within the budget, every intended request answered with the success status, no reply
// breaking the contract. The case covers the coverage model's "latency budget".

#include "harness/contract/profile.hpp"
#include "harness/result/load_result.hpp"
#include "harness/result/verify_result.hpp"

namespace harness::verify {

result::case_outcome latency_budget_case(const result::load_result& burst,
                                         const contract::latency_budget& budget);

// The case when the burst could not run (the reason, e.g. a setup failure): skipped, never passed.
result::case_outcome latency_budget_not_run(const contract::latency_budget& budget,
                                            const std::string& reason);

} // namespace harness::verify
