#pragma once
// How every subcommand's run ends in a verdict: bad input and set-up failures, thrown at the edges with
// file:line or the flag named, are a run that tested nothing.

#include "harness/result/run_verdict.hpp"

#include <exception>

namespace harness::cli {

template <typename Run>
result::run_verdict judged(Run&& run) {
    try {
        return run();
    } catch (const std::exception& e) {
        return result::run_verdict::untested(e.what());
    }
}

} // namespace harness::cli
