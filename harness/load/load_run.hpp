#pragma once
// Runs a load plan: starts one worker per thread at a common start time, shows progress, joins, merges the
// threads' statistics and returns the result. `stop` (set by Ctrl-C) ends the run early; results are still
// complete for what was sent.

#include "harness/result/load_result.hpp"
#include "harness/result/progress_snapshot.hpp"
#include "load_plan.hpp"

#include <atomic>
#include <functional>

namespace harness::load {

struct progress_settings {
    // Called from the watching thread every `every_seconds` while the run goes on, and once at its end
    // (`final`); empty: no progress.
    std::function<void(const harness::result::progress_snapshot&)> show;
    double every_seconds = 1;
};

// Throws std::runtime_error for setup failures (unresolvable target, TLS files).
harness::result::load_result run_load(const load_plan& plan, const progress_settings& progress,
                                      std::atomic<bool>& stop);

} // namespace harness::load
