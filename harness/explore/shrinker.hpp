#pragma once
// Shrinking a failing sequence, as Hypothesis does: steps are taken away one at a time, then each step made
// simpler (one copy instead of many, the plain body, the first caller and conversation, a short text), and a
// change is kept whenever the sequence still fails, until no change helps or the attempts run out. `fails`
// runs a candidate against the target (a candidate with concurrent steps is run a few times and counts as
// failing when it fails once).

#include "sequence.hpp"

#include <functional>

namespace harness::explore {

struct shrink_result {
    sequence smallest;
    int attempts = 0; // candidates run
};

shrink_result shrink(const sequence& failing, const std::function<bool(const sequence&)>& fails,
                     int max_attempts = 150);

} // namespace harness::explore
