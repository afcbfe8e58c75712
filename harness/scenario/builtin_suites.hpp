#pragma once
// The suites verify runs by default: conformance, auth, idempotency and protocols from scenarios/*.yaml
// (bundled into the binary), and validation, values and routing, generated from the contract's coverage
// model.

#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "scenario.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace harness::scenario {

// conformance, validation, values, routing, auth, idempotency, protocols
std::vector<std::string> builtin_suite_names();

// Throws std::invalid_argument for an unknown name. `values_seed` draws the values suite's sample.
suite builtin_suite(const std::string& name, const contract::contract& contract,
                    const contract::operation& operation, const contract::profile& profile,
                    std::uint64_t values_seed = 0);

} // namespace harness::scenario
