#include "case_loop.hpp"

#include "harness/load/latency_probe.hpp"
#include "harness/result/run_id.hpp"
#include "latency_suite.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace harness::verify {

namespace {

namespace hs = harness::scenario;

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

// Why the run stops before this case ("" when it goes on): the target stopped answering, or the deadline
// passed.
std::string reason_to_stop(const verify_plan& plan, const hs::run_context& context, double elapsed) {
    if (plan.interrupted != nullptr && plan.interrupted->load()) {
        return std::string(interrupted_reason);
    }
    if (!context.not_answering.empty()) {
        return "target not answering: " + context.not_answering;
    }
    if (plan.max_time_seconds > 0 && elapsed > plan.max_time_seconds) {
        return "the run did not finish within --max-time " + std::to_string(plan.max_time_seconds) + " s";
    }
    return {};
}

result::case_outcome not_run(const hs::suite& s, const hs::scenario_case& c, const std::string& why) {
    result::case_outcome outcome;
    outcome.suite = s.name;
    outcome.name = c.name;
    outcome.status = result::case_status::skipped;
    outcome.skip_reason = "not run: " + why;
    return outcome;
}

result::case_outcome run_one(const hs::suite& s, const hs::scenario_case& c, hs::run_context& context,
                             load::background_load* background) {
    const bool loaded = background != nullptr && background->running();
    const double second = loaded ? background->seconds_since_start() : 0;
    result::case_outcome outcome = hs::run_case(s, c, context);
    outcome.under_load = loaded && outcome.status != result::case_status::skipped;
    outcome.load_second = second;
    return outcome;
}

// The burst goes through the load engine after the suites, so its load meets none of their cases.
result::case_outcome run_latency_budget(const hs::run_context& context, std::uint64_t run_id,
                                        result::verify_run_facts& facts) {
    const contract::latency_budget& slo = *context.profile.slo;
    try {
        const result::load_result burst =
            load::run_latency_probe(context.target, context.operation, context.profile, slo, run_id);
        facts.note_outside_cases(burst.stats.count(result::request_fate::answered) > 0,
                                 burst.stats.first_failure);
        return latency_budget_case(burst, slo);
    } catch (const std::exception& e) {
        return latency_budget_not_run(slo, std::string("not run: ") + e.what());
    }
}

} // namespace

std::string run_cases(const verify_plan& plan, hs::run_context& context, load::background_load* background,
                      result::verify_result& run, const verify_observer& observer,
                      result::verify_run_facts& facts) {
    const auto started = clock_type::now();
    std::string not_tested;
    std::string suite;
    const auto report = [&](result::case_outcome outcome) {
        if (observer.case_done) {
            observer.case_done(outcome, suite, run.base_url);
        }
        suite = outcome.suite;
        run.cases.push_back(std::move(outcome));
    };
    for (const hs::suite& s : plan.suites) {
        for (const hs::scenario_case& c : s.cases) {
            if (not_tested.empty()) {
                not_tested = reason_to_stop(plan, context, seconds_since(started));
            }
            report(not_tested.empty() ? run_one(s, c, context, background) : not_run(s, c, not_tested));
        }
    }
    if (plan.explore && not_tested.empty() && context.not_answering.empty()) {
        explore::explore_plan exploring = *plan.explore;
        exploring.interrupted = plan.interrupted;
        explore::explore_outcome explored = explore::run_explore(exploring, context);
        for (result::case_outcome& c : explored.cases) {
            report(std::move(c));
        }
        if (plan.interrupted != nullptr && plan.interrupted->load()) {
            not_tested = std::string(interrupted_reason); // what explored is kept; nothing after it runs
        }
    }
    if (plan.latency_suite && not_tested.empty() && context.not_answering.empty()) {
        report(run_latency_budget(context, result::run_seed(plan.run_id, 2), facts));
    }
    if (not_tested.empty() && !context.not_answering.empty()) {
        not_tested = "target not answering: " + context.not_answering;
    }
    run.duration_ms = seconds_since(started) * 1000.0;
    return not_tested;
}

void rerun_without_load(const std::vector<hs::suite>& suites, hs::run_context& context,
                        result::verify_result& run) {
    const bool any = std::any_of(run.cases.begin(), run.cases.end(), [](const result::case_outcome& c) {
        return c.status == result::case_status::failed && c.under_load;
    });
    if (any) {
        // The target gets two quiet seconds first: a rate it measures per second has then seen the load end.
        std::this_thread::sleep_for(std::chrono::seconds(2));
    }
    for (result::case_outcome& outcome : run.cases) {
        if (outcome.status != result::case_status::failed || !outcome.under_load) {
            continue;
        }
        for (const hs::suite& s : suites) {
            for (const hs::scenario_case& c : s.cases) {
                if (s.name == outcome.suite && c.name == outcome.name) {
                    const bool passes = hs::run_case(s, c, context).status == result::case_status::passed;
                    outcome.note = passes ? "fails only under load: passed when run again without it"
                                          : "fails without load too";
                }
            }
        }
    }
}

} // namespace harness::verify
