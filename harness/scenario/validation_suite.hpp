#pragma once
// The validation suite, generated from the coverage model of the contract's request schema rather than listed
// by hand: each field valid, null, absent, as each JSON type it does not accept, empty, very long and
// non-ASCII (a success where the schema accepts the shape, a validation failure naming the field where it
// does not), every pair of bad fields and all of them together, plus a body that is not JSON, one that is not
// an object, a wrong content type and an oversize body. Changing the contract changes the suite.

#include "harness/contract/contract.hpp"
#include "harness/contract/coverage_model.hpp"
#include "harness/contract/profile.hpp"
#include "scenario.hpp"

#include <vector>

namespace harness::scenario {

// A conforming body: every required field with a fresh value of its type (strings become a new UUID per send,
// so no two sends of a run, or of two runs against one gateway, share an idempotency key by accident).
boost::json::object conforming_body(const std::vector<contract::coverage_item>& model);

suite generate_validation_suite(const contract::contract& contract,
                                const std::vector<contract::coverage_item>& model,
                                const contract::profile& profile);

} // namespace harness::scenario
