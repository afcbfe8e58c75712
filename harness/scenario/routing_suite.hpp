#pragma once
// The routing suite, generated from the coverage model: every method the contract does not declare on the
// route (405 with Allow), each path parameter unknown, malformed and in upper case, the route with a trailing
// slash (the profile's not-found, or the same route), and a conversation known to fail (the profile's 500
// envelope, when the target names one). The cases a contract with more path parameters or a profile with
// other statuses needs come from the model, not from code.

#include "harness/contract/contract.hpp"
#include "harness/contract/coverage_model.hpp"
#include "harness/contract/profile.hpp"
#include "scenario.hpp"

#include <vector>

namespace harness::scenario {

suite generate_routing_suite(const contract::contract& contract,
                             const std::vector<contract::coverage_item>& model,
                             const contract::profile& profile);

} // namespace harness::scenario
