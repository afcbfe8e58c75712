#pragma once
// The suites verify runs by default: conformance, auth and idempotency from scenarios/*.yaml (bundled into
// the binary), and validation and routing, generated from the contract's coverage model.

#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "scenario.hpp"

#include <string>
#include <vector>

namespace harness::scenario {

std::vector<std::string> builtin_suite_names(); // conformance, validation, routing, auth, idempotency

// Throws std::invalid_argument for an unknown name.
suite builtin_suite(const std::string& name, const contract::contract& contract,
                    const contract::operation& operation, const contract::profile& profile);

} // namespace harness::scenario
