#pragma once
// Ctrl-C and SIGTERM while a run goes on: they set a flag the run reads (it stops, writes what it has and
// says it was interrupted) instead of killing the process. The default handlers come back when the guard
// ends.

#include <atomic>

namespace harness::cli {

class interrupt_guard {
public:
    interrupt_guard();
    ~interrupt_guard();
    interrupt_guard(const interrupt_guard&) = delete;
    interrupt_guard& operator=(const interrupt_guard&) = delete;

    // Set once SIGINT or SIGTERM arrived (one process-wide flag: a signal handler can reach nothing else).
    std::atomic<bool>& flag() noexcept;
};

} // namespace harness::cli
