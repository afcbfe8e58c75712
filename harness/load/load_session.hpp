#pragma once
// A load run as a module: given the plan the CLI built (what to send, at what rate, to which target, judged
// by which thresholds), it checks what the flags ask of the transport, sets up the store oracle, waits for
// the shards' common start, runs, and returns the result with its verdict drawn.

#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/result/load_result.hpp"
#include "harness/result/threshold.hpp"
#include "harness/target/target_spec.hpp"
#include "load_plan.hpp"
#include "load_run.hpp"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace harness::load {

struct load_session_plan {
    load_plan plan; // its target, operation, profile and store are set by the session
    harness::target::target_spec target;
    std::string target_name; // the URL, or "built-in mock at …"
    const contract::contract* contract = nullptr;
    const contract::profile* profile = nullptr;
    std::vector<result::threshold> thresholds; // the defaults included, unless the user removed them
    long long start_at_ms = 0;                 // epoch ms to start at, so shards start together (0: now)
    progress_settings progress;
    std::function<void(const std::string&)> warn; // a word for the user that does not stop the run
};

// Throws std::invalid_argument for a plan the transport cannot carry (several streams without HTTP/2) and a
// --start-at more than an hour away, std::runtime_error for set-up failures.
result::load_result run_load_session(const load_session_plan& session, std::atomic<bool>& stop);

} // namespace harness::load
