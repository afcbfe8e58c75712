#include "load_run.hpp"

#include "harness/checks/rules.hpp"
#include "harness/result/time_text.hpp"
#include "load_worker.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>
#include <latch>
#include <optional>
#include <ostream>
#include <thread>

namespace harness::load {

namespace {

using clock = std::chrono::steady_clock;

// How many arrivals of the schedule fall at or after `from` seconds.
std::uint64_t arrivals_after(const arrival_schedule& schedule, double from) {
    std::uint64_t low = 0;
    std::uint64_t high = schedule.total_arrivals();
    while (low < high) {
        const std::uint64_t mid = low + (high - low) / 2;
        if (schedule.time_of(mid) < from) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    return schedule.total_arrivals() - low;
}

void show_progress(const progress_settings& progress, double elapsed, double total, std::uint64_t answered,
                   std::uint64_t failed, double rate, std::int64_t p99_us, bool final_line) {
    if (progress.out == nullptr) {
        return;
    }
    char line[160];
    std::snprintf(line, sizeof line, "[%6.1fs/%.1fs] %9.0f req/s  p99 %8.3fms  answered %llu  errors %llu",
                  elapsed, total, rate, static_cast<double>(p99_us) / 1000.0,
                  static_cast<unsigned long long>(answered), static_cast<unsigned long long>(failed));
    if (progress.terminal) {
        *progress.out << "\r" << line << "\033[K" << (final_line ? "\n" : "") << std::flush;
    } else {
        *progress.out << line << "\n" << std::flush;
    }
}

} // namespace

namespace {

// Shows progress every second (every 5 s when not on a terminal) until every worker has ended.
void watch_progress(const std::vector<std::unique_ptr<load_worker>>& workers, const std::atomic<int>& running,
                    const interval_log& intervals, const progress_settings& progress, clock::time_point start,
                    double total) {
    double last_report = 0;
    std::uint64_t last_answered = 0;
    while (running.load() > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
        const double every = progress.terminal ? 1.0 : 5.0;
        if (elapsed - last_report >= every && running.load() > 0) {
            std::uint64_t answered = 0;
            std::uint64_t failed = 0;
            for (const auto& w : workers) {
                answered += w->answered_so_far();
                failed += w->failed_so_far();
            }
            show_progress(progress, elapsed, total, answered, failed,
                          static_cast<double>(answered - last_answered) / (elapsed - last_report),
                          intervals.last_p99_us(), false);
            last_report = elapsed;
            last_answered = answered;
        }
    }
}

// The run's result from the joined workers: merged statistics, rates over the measured window, the timeline.
harness::result::load_result assemble(const load_plan& plan,
                                      const std::vector<std::unique_ptr<load_worker>>& workers,
                                      const interval_log& intervals, bool interrupted, double elapsed) {
    harness::result::load_result result;
    result.mode = plan.schedule ? "open" : "closed";
    result.threads = plan.threads;
    result.connections = plan.connections;
    result.warmup_seconds = plan.warmup_seconds;
    result.validate_every = plan.validate_every;
    result.resend_ratio = plan.resend_ratio;
    result.expected_status = plan.expected_status;
    result.interrupted = interrupted;
    for (const auto& w : workers) {
        result.stats.merge(w->stats());
    }
    for (std::size_t k = 0; k < result.stats.kinds.size(); ++k) {
        const auto kind = static_cast<harness::result::request_kind>(k);
        result.stats.kinds[k].expected_status = harness::result::expected_status(kind, *plan.profile);
        const auto failure = harness::result::expected_failure(kind, *plan.profile);
        result.stats.kinds[k].rule =
            failure ? checks::rules::failure_status(*plan.profile, *failure)
                    : std::string("profile rule 1 (success.status): a valid send is stored");
    }
    const double window_end = interrupted ? std::min(elapsed, plan.duration()) : plan.duration();
    result.measured_seconds = std::max(1e-9, window_end - plan.warmup_seconds);
    if (plan.schedule) {
        const std::uint64_t measured_arrivals =
            arrivals_after(*plan.schedule, plan.warmup_seconds) - arrivals_after(*plan.schedule, window_end);
        result.requested_rate = static_cast<double>(measured_arrivals) / result.measured_seconds;
    }
    result.achieved_rate = static_cast<double>(result.stats.count(harness::result::request_fate::answered)) /
                           result.measured_seconds;
    result.timeline = intervals.timeline();
    for (auto& entry : result.timeline) {
        entry.requested_rate = plan.schedule ? plan.schedule->rate_at(entry.second + 0.5) : 0.0;
    }
    result.intervals = intervals.lines();
    return result;
}

} // namespace

harness::result::load_result run_load(const load_plan& plan, const progress_settings& progress,
                                      std::atomic<bool>& stop) {
    interval_log intervals(plan.threads);
    std::vector<std::unique_ptr<load_worker>> workers;
    for (int i = 0; i < plan.threads; ++i) {
        workers.push_back(std::make_unique<load_worker>(i, plan, intervals, stop));
    }
    // Set-up first: every thread opens its connections; the schedule's time zero comes after all are ready,
    // so connecting and TLS handshakes are never charged to the target (they are reported apart).
    const clock::time_point setup_started = clock::now();
    std::latch all_open(plan.threads + 1);
    std::latch go(1);
    clock::time_point start;
    std::vector<std::thread> threads;
    std::vector<std::exception_ptr> failures(static_cast<std::size_t>(plan.threads));
    std::atomic<int> running{plan.threads};
    for (int i = 0; i < plan.threads; ++i) {
        threads.emplace_back([&, i] {
            const auto index = static_cast<std::size_t>(i);
            bool ready = true;
            try {
                workers[index]->open();
            } catch (...) {
                failures[index] = std::current_exception();
                stop.store(true);
                ready = false;
            }
            all_open.count_down();
            go.wait();
            try {
                if (ready) {
                    workers[index]->run(start);
                }
            } catch (...) {
                failures[index] = std::current_exception();
                stop.store(true);
            }
            running.fetch_sub(1);
        });
    }
    all_open.arrive_and_wait();
    const std::optional<std::uint64_t> stored_before =
        plan.store != nullptr ? plan.store->stored_total(plan.target->conversation) : std::nullopt;
    const double setup_seconds = std::chrono::duration<double>(clock::now() - setup_started).count();
    // A common start a little ahead, so every thread's schedule begins at the same instant.
    start = clock::now() + std::chrono::milliseconds(10);
    const std::time_t wall_start = std::time(nullptr);
    const double epoch_start =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count() + 0.01;
    go.count_down();
    watch_progress(workers, running, intervals, progress, start, plan.duration());
    for (auto& t : threads) {
        t.join();
    }
    for (const auto& failure : failures) {
        if (failure) {
            std::rethrow_exception(failure);
        }
    }
    intervals.close_all();
    const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
    harness::result::load_result result = assemble(plan, workers, intervals, stop.load(), elapsed);
    result.started_at = harness::result::iso8601_utc(wall_start);
    result.setup_seconds = setup_seconds;
    result.start_epoch_seconds = epoch_start;
    if (const std::optional<std::uint64_t> stored_after =
            stored_before ? plan.store->stored_total(plan.target->conversation) : std::nullopt) {
        result.store = harness::result::load_result::store_tally{
            *stored_before, *stored_after, result.stats.stores_accepted, result.stats.stores_unanswered};
        if (!result.store->holds()) {
            // Messages stored against the rules break the profile as a broken reply does: the default
            // violations==0 threshold judges them.
            const std::uint64_t stored = result.store->stored();
            const std::uint64_t accepted = result.store->accepted;
            result.stats.violating +=
                stored > accepted ? stored - accepted - result.store->unanswered : accepted - stored;
        }
    }
    show_progress(progress, elapsed, plan.duration(),
                  result.stats.count(harness::result::request_fate::answered), result.stats.failed(),
                  result.achieved_rate, result.stats.latency.value_at_percentile(99), true);
    return result;
}

} // namespace harness::load
