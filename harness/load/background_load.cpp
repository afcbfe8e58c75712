#include "background_load.hpp"

#include "connection_budget.hpp"
#include "load_run.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace harness::load {

namespace {

// The load's first second is its ramp (connections opening, the schedule settling): sent, not measured, and
// the foreground waits it out.
constexpr double warmup_seconds = 1.0;
constexpr double minimum_measured_seconds = 2.0;

} // namespace

background_spec parse_background_spec(std::string_view text) {
    background_spec spec;
    const std::size_t colon = text.find(':');
    const std::string rate(text.substr(0, colon));
    char* end = nullptr;
    spec.rate = std::strtod(rate.c_str(), &end);
    if (rate.empty() || end != rate.c_str() + rate.size() || !(spec.rate > 0) || spec.rate > 10'000'000) {
        throw std::invalid_argument(
            "--under-load: the rate must be a number of requests per second above 0, got '" + rate +
            "' (RATE[:DURATION], e.g. 500 or 500:2m)");
    }
    if (colon != std::string_view::npos) {
        spec.max_seconds = parse_duration(text.substr(colon + 1));
        if (!(spec.max_seconds > 0)) {
            throw std::invalid_argument("--under-load: the duration must be above 0");
        }
    }
    return spec;
}

background_load::background_load(load_plan plan, harness::target::target_spec target,
                                 const background_spec& spec)
    : target_(std::move(target)), plan_(std::move(plan)) {
    plan_.target = &target_;
    plan_.schedule.emplace(spec.rate, spec.max_seconds + warmup_seconds);
    plan_.warmup_seconds = warmup_seconds;
    plan_.connections = std::clamp(static_cast<int>(std::ceil(spec.rate / 20.0)) + 4, 4, 256);
    // The pool grows as a load run's does, so a target slower than 50 ms per reply is not blamed for the
    // background load's own connection budget.
    const connection_budget budget =
        derive_connection_budget(spec.rate, plan_.streams, plan_.connections, 0, open_file_budget());
    plan_.connection_cap = budget.cap;
    plan_.cap_allowance_seconds = budget.allowance_seconds;
    plan_.validate_every = 10;
}

background_load::~background_load() {
    stop_.store(true);
    if (thread_.joinable()) {
        thread_.join();
    }
}

void background_load::start() {
    running_.store(true);
    started_ = std::chrono::steady_clock::now();
    thread_ = std::thread([this] {
        try {
            result_ = run_load(plan_, {}, stop_);
        } catch (const std::exception& e) {
            error_ = e.what();
        }
        running_.store(false);
    });
    // Until the warmup is over the load ramps up its connections; the foreground starts once it holds its
    // rate.
    const auto steady = started_ + std::chrono::duration<double>(warmup_seconds + 0.2);
    while (running_.load() && std::chrono::steady_clock::now() < steady) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

double background_load::seconds_since_start() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

harness::result::load_result background_load::stop() {
    // At least a few measured seconds, so its rate and percentiles mean something even after a quick
    // foreground.
    const auto enough = started_ + std::chrono::duration<double>(warmup_seconds + minimum_measured_seconds);
    while (running_.load() && std::chrono::steady_clock::now() < enough) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stop_.store(true);
    if (thread_.joinable()) {
        thread_.join();
    }
    if (!result_) {
        throw std::runtime_error("the background load could not run: " + error_);
    }
    return std::move(*result_);
}

} // namespace harness::load
