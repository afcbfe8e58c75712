#pragma once
// An open-loop load of valid sends run on a thread of its own while something else uses the target
// (`verify --under-load RATE[:DURATION]`): started, waited on until it holds its rate (its warmup, not
// measured), then stopped when the foreground is done, or at DURATION, whichever is first.

#include "harness/result/load_result.hpp"
#include "load_plan.hpp"

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

namespace harness::load {

struct background_spec {
    double rate = 0;
    double max_seconds = 300; // the load stops at the latest after this
};

// "RATE[:DURATION]", e.g. "500" or "500:2m"; throws std::invalid_argument naming what is wrong.
background_spec parse_background_spec(std::string_view text);

class background_load {
public:
    // `plan` carries operation and profile; the load goes to `target`; its shape is set here from `spec`.
    background_load(load_plan plan, harness::target::target_spec target, const background_spec& spec);
    ~background_load();
    background_load(const background_load&) = delete;
    background_load& operator=(const background_load&) = delete;

    // Starts the load and returns once its warmup is over (it holds its rate), or it has failed to start.
    void start();
    // Seconds since the load's time zero (its warmup included), for placing events on its timeline.
    double seconds_since_start() const;
    // Whether the load is still sending (false once it stopped, ran out of DURATION, or failed to start).
    bool running() const { return running_.load(); }
    // Stops the load (after at least 2 measured seconds, unless DURATION ends first) and returns its result;
    // a start failure is the reason, rethrown as std::runtime_error.
    harness::result::load_result stop();

private:
    harness::target::target_spec target_;
    load_plan plan_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> running_{false};
    std::chrono::steady_clock::time_point started_;
    std::thread thread_;
    std::optional<harness::result::load_result> result_;
    std::string error_;
};

} // namespace harness::load
