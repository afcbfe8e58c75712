#pragma once
// The values suite, generated from the coverage model's value items (contract/value_families): each family of
// valid values in each free string field, one send per value, each accepted (and, for the fields `data`
// echoes, echoed exactly: the echo check runs on every reply); a seeded sample per field; keys that differ
// only in case or after a long shared prefix, each a new message; the company field as the caller's company;
// whole bodies at the size limit - 1, the limit (accepted) and the limit + 1 (refused as too large).

#include "harness/contract/contract.hpp"
#include "harness/contract/coverage_model.hpp"
#include "harness/contract/profile.hpp"
#include "scenario.hpp"

#include <cstdint>
#include <vector>

namespace harness::scenario {

// Values drawn from the seed per field in the seeded-sample case.
inline constexpr std::size_t sampled_values_per_field = 3;

suite generate_values_suite(const contract::contract& contract, const contract::operation& operation,
                            const std::vector<contract::coverage_item>& model,
                            const contract::profile& profile, std::uint64_t seed);

} // namespace harness::scenario
