#pragma once
// Which items of the contract's coverage model a verify run covered: an item is covered when a case that ran
// names it, when a check that observes it ran (passed or failed, never skipped), or when a reply showed what
// it asks for ("status:404"). An item not covered says why: the skip reason of the case that would have
// covered it, what it needs beyond black-box requests, or that no case of the suites run exercises it.

#include "harness/contract/coverage_model.hpp"
#include "verify_result.hpp"

#include <vector>

namespace harness::result {

std::vector<coverage_entry> tally_coverage(const std::vector<contract::coverage_item>& model,
                                           const verify_result& run);

} // namespace harness::result
