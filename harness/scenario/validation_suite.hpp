#pragma once
// The validation suite, generated from the contract's request schema rather than listed by hand: each
// required field missing, each non-nullable field null, each field with each JSON type it does not accept,
// plus a body that is not JSON, one that is not an object, a wrong content type and an oversize body.
// Changing the contract changes the suite.

#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "scenario.hpp"

namespace harness::scenario {

suite generate_validation_suite(const contract::contract& contract, const contract::operation& operation,
                                const contract::profile& profile);

} // namespace harness::scenario
