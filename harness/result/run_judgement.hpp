#pragma once
// Where every run's verdict is drawn: from everything the run's result holds and the facts the run module
// gathered on the way. Checks observe, these judge, writers write what they return.

#include "load_result.hpp"
#include "run_verdict.hpp"
#include "verify_result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace harness::result {

// A background load (verify --under-load) that fails more than this share of its valid sends fails the run:
// the target broke under load even when every case held.
inline constexpr double background_error_budget = 0.01;

// What a verify run knows beyond its cases.
struct verify_run_facts {
    std::string stopped_because; // the run ended early (target not answering, --max-time): "" when it did not
    double min_coverage = -1;    // --min-coverage in percent; -1: no gate
    bool interrupted = false;    // Ctrl-C stopped it (stopped_because says so too)
    // The exchanges no case holds (the probe and the preflight before the cases, the latency burst after
    // them): whether one got a complete HTTP response, and the first that got none, as "class: reason" (""
    // when none failed).
    bool answered_outside_cases = false;
    std::string first_failure_outside_cases;

    // One exchange (or a burst of them) no case holds, in the order they were made: `failure` is "" when it
    // got a complete HTTP response, else its "class: reason".
    void note_outside_cases(bool answered, const std::string& failure);
};

// Interrupted when Ctrl-C stopped it; not tested when the run stopped early otherwise, when no exchange of
// the run got a complete HTTP response (refused, garbage, resets, truncation, an oversized reply, silence:
// the first failure named), when the background load got no answer, or coverage is under the gate; failed
// when a case failed or the target failed its background load; else passed. Once the target has answered
// anything, its broken replies are its failures.
run_verdict judge_verify_run(const verify_result& run, const verify_run_facts& facts);

// Not tested when nothing was measured or nothing answered (no complete HTTP response, the preflight's
// included: the first failure named); interrupted when stopped early; not tested when requests went too late
// by the generator's limit (its connection cap or its pace: load_limit); failed when the target slowed down
// at the cap, a merge misses an input or a threshold does not hold; else passed.
run_verdict judge_load_run(const load_result& run);

// A replay that never reached the target as asked: not tested when every exchange was refused (connect) or
// TLS-refused, or, asked for HTTP/2, every one was answered in another protocol. nullopt when it reached the
// target: a transport failure after connecting (a reset, garbage, silence) is then what the replay found.
std::optional<run_verdict> judge_replay_reach(const std::vector<http::exchange>& exchanges, bool http2_asked);

// A replayed capture: not tested when it is not the contract's operation (nothing was judged); failed when
// the failure reproduced: a reply broke the contract or got no complete HTTP response ("reset after the
// headers: 2 of 2 replies break the contract"); else passed.
run_verdict judge_replay_run(const verify_result& run, bool judged_against_contract);

// Several runs shown on one page: the worst of their verdicts (not tested, then interrupted, then failed),
// with the reason of the first run that has it.
run_verdict combine_verdicts(const std::vector<run_verdict>& verdicts);

} // namespace harness::result
