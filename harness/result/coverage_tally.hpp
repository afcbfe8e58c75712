#pragma once
// Which items of the contract's coverage model a verify run covered: an item is covered when a case that ran
// names it, when a check that observes it ran (passed or failed, never skipped; "CHECK in ITEM" when it ran
// in a case naming ITEM, "NAME*" for any check of that name), or when a reply showed what it asks for
// ("status:404"). A rule of the profile keeps its checks in the entry; one with none is never covered. An
// item not covered says why: the skip reason of the case that would have covered it, what it needs beyond
// black-box requests (when the run did not give it), the skip reason of the check that observes it, or that
// no case of the suites run exercises it.

#include "harness/contract/coverage_model.hpp"
#include "verify_result.hpp"

#include <vector>

namespace harness::result {

// The inputs a run gave beyond black-box requests (contract::coverage_input).
struct coverage_inputs {
    bool failing_conversation = false;
    bool store_oracle = false;
};

// An item not covered whose input was given says what else kept it out (the skip reason of its case or of
// its check, or that no case of the suites run exercises it), never to give that input.
std::vector<coverage_entry> tally_coverage(const std::vector<contract::coverage_item>& model,
                                           const verify_result& run, const coverage_inputs& given);

} // namespace harness::result
