#pragma once
// A verify run as a module: given a plan, it probes the target, sets up the store oracle and the background
// load, runs the cases (each reported to the observer as it ends), tallies coverage and draws the verdict.
// The CLI only builds the plan, calls this and writes what it returns.

#include "harness/result/verify_result.hpp"
#include "verify_plan.hpp"

namespace harness::verify {

// The result with its verdict drawn (judge_verify_run). A target that cannot be reached is a result without
// cases whose verdict says why it was not tested; bad plans throw std::invalid_argument.
result::verify_result run_verify_plan(const verify_plan& plan, const verify_observer& observer = {});

} // namespace harness::verify
