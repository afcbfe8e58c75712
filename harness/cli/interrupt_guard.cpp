#include "interrupt_guard.hpp"

#include <csignal>

namespace harness::cli {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) {
    interrupted.store(true);
}

} // namespace

interrupt_guard::interrupt_guard() {
    interrupted.store(false);
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
}

interrupt_guard::~interrupt_guard() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

std::atomic<bool>& interrupt_guard::flag() noexcept {
    return interrupted;
}

} // namespace harness::cli
