#pragma once
// The short open-loop burst verify's `latency` suite runs through the load engine: `requests` valid sends at
// `rate` per second against the target, every reply checked against the contract, latency measured from each
// send's intended time (coordinated omission corrected), as `harness load` does.

#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "harness/result/load_result.hpp"
#include "harness/target/target_spec.hpp"

#include <cstdint>

namespace harness::load {

// Throws std::runtime_error for setup failures, as run_load does.
harness::result::load_result run_latency_probe(const harness::target::target_spec& target,
                                               const contract::operation& operation,
                                               const contract::profile& profile,
                                               const contract::latency_budget& budget, std::uint64_t run_id);

} // namespace harness::load
