#pragma once
// verify's `explore` suite: random sequences against the profile model for a time budget, each judged by the
// model's predictions and every check the runner makes on every reply. The examples kept from earlier runs
// (examples_file) are replayed first. A failing sequence is shrunk (shrinker), shown as a numbered list of
// its steps with each request and reply, written as a scenario file that fails verify while the bug is there,
// and kept in the examples file; exploring stops at the first new failure. The seed of each sequence derives
// from the run's seed, so the same seed (and run id) replays the same run.

#include "harness/result/verify_result.hpp"
#include "harness/scenario/runner.hpp"
#include "sequence.hpp"
#include "sequence_generator.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace harness::explore {

struct explore_plan {
    std::uint64_t seed = 0;
    double budget_seconds = 2;
    std::vector<sequence> examples;      // replayed first (read_examples)
    std::filesystem::path examples_file; // where failing sequences are kept ("" = nowhere)
    std::filesystem::path scenario_dir;  // where a failing sequence's scenario file goes ("" = not written)
    explore_capabilities can;
    // Set on Ctrl-C (verify's interrupt guard): no further sequence starts, the budget notwithstanding.
    const std::atomic<bool>* interrupted = nullptr;
};

struct explore_outcome {
    std::vector<result::case_outcome> cases; // each failing sequence (shrunk), then the summary
    std::uint64_t sequences = 0;
    std::uint64_t steps = 0;
    std::set<std::string>
        transitions;     // the model's transitions exercised, and "step: KIND" for each kind of step
    std::string problem; // the examples file could not be written ("" = fine)
};

explore_outcome run_explore(const explore_plan& plan, scenario::run_context& context);

// What the target and profile offer the generator.
explore_capabilities capabilities_of(const target::target_spec& target, const contract::profile& profile);

} // namespace harness::explore
