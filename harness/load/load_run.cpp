#include "load_run.hpp"

#include "harness/checks/rules.hpp"
#include "harness/http/http_client.hpp"
#include "harness/result/time_text.hpp"
#include "load_worker.hpp"

#include <chrono>
#include <cmath>
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

// The snapshot the progress line shows: counts so far, rates over the window since `window_start`.
harness::result::progress_snapshot snapshot(const load_plan& plan,
                                            const std::vector<std::unique_ptr<load_worker>>& workers,
                                            const interval_log& intervals, double window_start,
                                            double elapsed, std::uint64_t answered_before) {
    harness::result::progress_snapshot s;
    s.elapsed_seconds = elapsed;
    s.total_seconds = plan.duration();
    s.open_loop = plan.schedule.has_value();
    for (const auto& w : workers) {
        s.counts += w->progress();
    }
    // Rates over the window, ended where the schedule ends: replies still arriving after it belong to its
    // last second, as in the summary.
    const double window_end = std::min(elapsed, plan.duration());
    const double window =
        window_end > window_start + 1e-3 ? window_end - window_start : elapsed - window_start;
    if (plan.schedule && window_end > window_start) {
        s.requested_rate = static_cast<double>(arrivals_after(*plan.schedule, window_start) -
                                               arrivals_after(*plan.schedule, window_end)) /
                           window;
    }
    s.achieved_rate = static_cast<double>(s.counts.answered - answered_before) / std::max(1e-9, window);
    // A second is complete when the schedule has left it: the last one of the run is left out when partial.
    const auto before = static_cast<std::uint32_t>(std::floor(std::min(elapsed, plan.duration())));
    if (const auto last = intervals.newest_before(before)) {
        s.has_last_second = true;
        s.last_second = last->second;
        s.last_second_p99_us = last->p99_us;
    }
    return s;
}

// Shows progress every `every_seconds` until every worker has ended; returns when and at how many answered
// the last line was shown (the final line's window starts there).
std::pair<double, std::uint64_t> watch_progress(const load_plan& plan,
                                                const std::vector<std::unique_ptr<load_worker>>& workers,
                                                const std::atomic<int>& running,
                                                const interval_log& intervals,
                                                const progress_settings& progress, clock::time_point start) {
    double last_report = 0;
    std::uint64_t last_answered = 0;
    while (running.load() > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
        if (progress.show && elapsed - last_report >= progress.every_seconds && running.load() > 0) {
            const auto s = snapshot(plan, workers, intervals, last_report, elapsed, last_answered);
            progress.show(s);
            last_report = elapsed;
            last_answered = s.counts.answered;
        }
    }
    return {last_report, last_answered};
}

// The run's result from the joined workers: merged statistics, rates over the measured window, the timeline.
harness::result::load_result assemble(const load_plan& plan,
                                      const std::vector<std::unique_ptr<load_worker>>& workers,
                                      const interval_log& intervals, const replay_detector& replays,
                                      bool interrupted, double elapsed) {
    harness::result::load_result result;
    result.mode = plan.schedule ? "open" : "closed";
    result.threads = plan.threads;
    result.connections = plan.connections;
    result.streams = plan.streams;
    result.connection_cap = plan.schedule ? std::max(plan.connection_cap, plan.connections) : 0;
    result.cap_allowance_seconds = plan.cap_allowance_seconds;
    result.warmup_seconds = plan.warmup_seconds;
    result.validate_every = plan.validate_every;
    result.resend_ratio = plan.resend_ratio;
    result.expected_status = plan.expected_status;
    result.interrupted = interrupted;
    for (const auto& w : workers) {
        result.stats.merge(w->stats());
    }
    result.stats.replay_checked = replays.checked();
    result.stats.replay_check_stopped = replays.full();
    for (std::size_t k = 0; k < result.stats.kinds.size(); ++k) {
        const auto kind = static_cast<harness::result::request_kind>(k);
        result.stats.kinds[k].expected_status = harness::result::expected_status(kind, *plan.profile);
        const auto failure = harness::result::expected_failure(kind, *plan.profile);
        result.stats.kinds[k].rule = failure ? checks::rules::failure_status(*plan.profile, *failure)
                                             : std::string(checks::rules::valid_send_stored);
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

// How many messages the run may store: the schedule's arrivals, or a closed loop's at 5 ms per reply.
std::uint64_t expected_messages(const load_plan& plan) {
    if (plan.schedule) {
        return plan.schedule->total_arrivals();
    }
    return static_cast<std::uint64_t>(plan.closed_loop_seconds * 200.0 * plan.connections * plan.streams);
}

// The protocol the connections speak, from the first worker that knows it (empty when none connected).
std::string protocol_of(const std::vector<std::unique_ptr<load_worker>>& workers) {
    for (const auto& w : workers) {
        if (const std::optional<bool> h2 = w->http2()) {
            return std::string(http::protocol_name(*h2));
        }
    }
    return {};
}

// The store's count after the run, against the replies: judged on its own (the threshold metric `stored`),
// never counted as broken replies.
void tally_store(const load_plan& plan, std::uint64_t stored_before, harness::result::load_result& result) {
    const std::optional<std::uint64_t> stored_after = plan.store->stored_total(plan.target->conversation);
    if (!stored_after) {
        return;
    }
    result.store = harness::result::load_result::store_tally{
        stored_before, *stored_after, result.stats.stores_accepted, result.stats.stores_unanswered};
}

} // namespace

harness::result::load_result run_load(const load_plan& plan, const progress_settings& progress,
                                      std::atomic<bool>& stop) {
    interval_log intervals(plan.threads);
    replay_detector replays(expected_messages(plan));
    std::vector<std::unique_ptr<load_worker>> workers;
    for (int i = 0; i < plan.threads; ++i) {
        workers.push_back(std::make_unique<load_worker>(i, plan, intervals, replays, stop));
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
    const std::string protocol = protocol_of(workers);
    // A common start a little ahead, so every thread's schedule begins at the same instant.
    start = clock::now() + std::chrono::milliseconds(10);
    const std::time_t wall_start = std::time(nullptr);
    const double epoch_start =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count() + 0.01;
    go.count_down();
    const auto [last_report, last_answered] =
        watch_progress(plan, workers, running, intervals, progress, start);
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
    harness::result::load_result result = assemble(plan, workers, intervals, replays, stop.load(), elapsed);
    result.started_at = harness::result::iso8601_utc(wall_start);
    result.setup_seconds = setup_seconds;
    result.protocol = protocol;
    result.start_epoch_seconds = epoch_start;
    if (stored_before) {
        tally_store(plan, *stored_before, result);
    }
    if (progress.show) {
        harness::result::progress_snapshot last =
            snapshot(plan, workers, intervals, last_report, elapsed, last_answered);
        last.final = true;
        progress.show(last);
    }
    return result;
}

} // namespace harness::load
