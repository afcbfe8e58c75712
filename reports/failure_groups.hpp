#pragma once
// Failed checks of a case grouped by what failed: copies of one step (`repeat: 20`, `concurrent: 10`) that
// fail the same way are one failure shown once with its count ("×10"), not ten identical blocks.

#include "harness/result/verify_result.hpp"

#include <cstddef>
#include <vector>

namespace harness::reports {

struct failure_group {
    const checks::check_outcome* first = nullptr; // the first failed check of the group (its exchange shown)
    std::size_t count = 0;                        // how many failed checks read the same
};

// In the order each group first failed. Checks are the same failure when their check, expected, actual and
// rule are equal.
std::vector<failure_group> failed_check_groups(const result::case_outcome& c);

} // namespace harness::reports
