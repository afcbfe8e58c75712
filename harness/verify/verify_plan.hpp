#pragma once
// What a verify run is asked to do, built by the CLI from flags and files: the contract and profile, the
// suites, the target (already chosen: a gateway, or the built-in mock the CLI started), and the run's limits.

#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/explore/explorer.hpp"
#include "harness/result/verify_result.hpp"
#include "harness/scenario/scenario.hpp"
#include "harness/target/target_spec.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace harness::verify {

struct verify_plan {
    const contract::contract* contract = nullptr;
    const contract::operation* operation = nullptr;
    const contract::profile* profile = nullptr;
    std::vector<scenario::suite> suites;
    bool latency_suite = false; // the profile's latency budget, run after the suites through the load engine
    // The explore suite (sequences against the profile's model), run after the suites; nullopt: not run.
    std::optional<explore::explore_plan> explore;
    harness::target::target_spec target;
    std::string target_name;  // the URL, or "built-in mock at …"
    std::string under_load;   // RATE[:DURATION] of a background load ("" : none)
    std::uint64_t run_id = 0; // result/run_id: salted into the keys of the cases, the burst and the load
    std::optional<std::uint64_t> values_seed; // the values suite's seed, when it runs
    double max_time_seconds = 0;              // a deadline for the whole run (0: none)
    double min_coverage = -1; // percent of the coverage model's items, else not tested (-1: no gate)
    // Set by Ctrl-C: the run stops before its next case, lists the rest as not run and says it was
    // interrupted.
    const std::atomic<bool>* interrupted = nullptr;
};

// What the caller sees while the run goes on (verify prints each case as it ends, so a CI log shows progress
// even when the job is killed). Every member may be left empty.
struct verify_observer {
    std::function<void(const result::verify_result&)> started;
    // The case just run, and the suite of the case before it ("" for the first).
    std::function<void(const result::case_outcome&, const std::string& previous_suite,
                       const std::string& base_url)>
        case_done;
    std::function<void(const result::verify_result&)> under_load_done;
};

} // namespace harness::verify
