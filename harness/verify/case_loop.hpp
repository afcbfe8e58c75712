#pragma once
// The cases of a verify run, one after another, each reported as it ends; a run stops early (the rest listed
// as not run, with the reason) when the target stops answering or the deadline passes.

#include "harness/load/background_load.hpp"
#include "harness/result/run_judgement.hpp"
#include "harness/result/verify_result.hpp"
#include "harness/scenario/runner.hpp"
#include "verify_plan.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace harness::verify {

// Why a run stopped when Ctrl-C stopped it.
inline constexpr std::string_view interrupted_reason = "interrupted";

// Runs every case of `plan`, then the latency burst when asked for; appends the outcomes to `run`, and notes
// in `facts` whether the burst's sends (in no case) were answered. Returns why the target could not be tested
// ("" when it could).
std::string run_cases(const verify_plan& plan, scenario::run_context& context,
                      load::background_load* background, result::verify_result& run,
                      const verify_observer& observer, result::verify_run_facts& facts);

// A case that failed under load is run once more without it: when it passes then, it is named as failing only
// under load (still a failure of the target).
void rerun_without_load(const std::vector<scenario::suite>& suites, scenario::run_context& context,
                        result::verify_result& run);

} // namespace harness::verify
