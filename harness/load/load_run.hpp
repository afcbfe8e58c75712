#pragma once
// Runs a load plan: starts one worker per thread at a common start time, shows progress, joins, merges the
// threads' statistics and returns the result. `stop` (set by Ctrl-C) ends the run early; results are still
// complete for what was sent.

#include "harness/result/load_result.hpp"
#include "load_plan.hpp"

#include <atomic>
#include <iosfwd>

namespace harness::load {

struct progress_settings {
    std::ostream* out = nullptr; // nullptr: no progress
    bool terminal = false;       // one live line (\r); otherwise a plain line every 5 s
};

// Throws std::runtime_error for setup failures (unresolvable target, TLS files).
harness::result::load_result run_load(const load_plan& plan, const progress_settings& progress,
                                      std::atomic<bool>& stop);

} // namespace harness::load
