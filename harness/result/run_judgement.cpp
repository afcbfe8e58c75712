#include "run_judgement.hpp"

#include "harness/checks/rules.hpp"
#include "load_limit.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <utility>

namespace harness::result {

namespace {

std::string percent_text(double share) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", 100.0 * share);
    return text;
}

std::string nothing_answered(const std::string& first_failure) {
    return "the target answered nothing, so it was not tested: " + first_failure;
}

std::string failure_words(const http::exchange& e) {
    return std::string(http::to_string(e.outcome)) + ": " + e.error;
}

// When no exchange of a verify run got a complete HTTP response but one got a transport failure: the first
// of them; "" when the target answered something (or nothing was sent at all).
std::string first_failure_when_nothing_answered(const verify_result& run, const verify_run_facts& facts) {
    if (facts.answered_outside_cases || (run.under_load && run.under_load->answered > 0)) {
        return {};
    }
    std::string first = facts.first_failure_outside_cases;
    for (const case_outcome& c : run.cases) {
        for (const http::exchange& e : c.exchanges) {
            if (e.outcome == http::outcome_kind::ok) {
                return {};
            }
            if (first.empty()) {
                first = failure_words(e);
            }
        }
    }
    if (first.empty() && run.under_load) {
        first = run.under_load->first_failure;
    }
    return first;
}

std::string failed_cases_reason(const verify_result::totals& t) {
    return std::to_string(t.failed) + " of " + std::to_string(t.cases) + " case(s) failed";
}

// A merge that misses a shard or a file, then the thresholds: what broke, in one sentence.
std::string load_failure_reason(const load_result& run) {
    std::string reason;
    const auto add = [&reason](const std::string& part) {
        reason += (reason.empty() ? "" : "; ") + part;
    };
    for (int shard : run.missing_shards) {
        add("shard " + std::to_string(shard) + "/" + std::to_string(run.shard_count) + " is missing");
    }
    for (const std::string& input : run.missing_inputs) {
        add(input + " was not merged");
    }
    if (run.stats.replayed > 0) {
        add(std::to_string(run.stats.replayed) + " new send(s) came back as replays (" +
            run.stats.first_replay + "): " + std::string(checks::rules::new_key_new_message));
    }
    for (const threshold_outcome& t : run.thresholds) {
        if (!t.passed) {
            add("threshold " + t.rule.text + " failed (actual " + format_metric_value(t.rule, t.actual) +
                ")");
        }
    }
    return reason;
}

// What reproduced: the replies that broke a rule on their own, led by the first that got no complete HTTP
// response, in words ("reset after the headers: 2 of 2 replies break the contract").
std::string reproduced_reason(const verify_result& run) {
    std::set<std::pair<std::size_t, int>> breaking; // (case, exchange)
    std::size_t replies = 0;
    std::string transport;
    for (std::size_t i = 0; i < run.cases.size(); ++i) {
        const case_outcome& c = run.cases[i];
        replies += c.exchanges.size();
        for (const checks::check_outcome& check : c.checks) {
            if (check.status == checks::check_status::failed && check.exchange >= 0) {
                breaking.emplace(i, check.exchange);
            }
        }
        for (const http::exchange& e : c.exchanges) {
            if (transport.empty()) {
                transport = http::describe_failure(e);
            }
        }
    }
    const std::string counted = std::to_string(breaking.size()) + " of " + std::to_string(replies) +
                                (replies == 1 ? " reply breaks" : " replies break") + " the contract";
    return transport.empty() ? counted : transport + ": " + counted;
}

} // namespace

void verify_run_facts::note_outside_cases(bool answered, const std::string& failure) {
    answered_outside_cases = answered_outside_cases || answered;
    if (first_failure_outside_cases.empty()) {
        first_failure_outside_cases = failure;
    }
}

run_verdict judge_verify_run(const verify_result& run, const verify_run_facts& facts) {
    if (facts.interrupted) {
        return run_verdict::interrupt("the results cover the cases run until it was stopped");
    }
    if (!facts.stopped_because.empty()) {
        return run_verdict::untested(facts.stopped_because);
    }
    if (const std::string first = first_failure_when_nothing_answered(run, facts); !first.empty()) {
        return run_verdict::untested(nothing_answered(first));
    }
    if (const auto& load = run.under_load) {
        if (load->intended > 0 && load->answered == 0) {
            return run_verdict::untested(
                "the background load got no answer, so the run was not under load: " + load->first_failure);
        }
        if (load->limit == load_limit::connection_cap || load->limit == load_limit::generator_pace) {
            return run_verdict::untested("the background load " + load->limit_reason);
        }
        if (load->error_ratio > background_error_budget) {
            return run_verdict::fail(
                "the target failed " + percent_text(load->error_ratio) +
                "% of the background load's valid sends (over " + percent_text(background_error_budget) +
                "%): " + load->failures_by_class +
                (load->first_failure.empty() ? "" : "; first failure: " + load->first_failure) +
                (load->limit == load_limit::target_slowed ? "; " + load->limit_reason : ""));
        }
    }
    const verify_result::totals t = run.count();
    if (t.failed > 0) {
        return run_verdict::fail(failed_cases_reason(t));
    }
    // Cases that all skipped exercised nothing: the target was not tested, whatever held.
    if (t.cases > 0 && t.passed == 0) {
        return run_verdict::untested("every case was skipped (" + std::to_string(t.skipped) +
                                     "), so the target was not tested: the skip reasons say what each needs");
    }
    if (const double percent = run.count_coverage().percent(); percent < facts.min_coverage) {
        return run_verdict::untested("coverage " + percent_text(percent / 100.0) +
                                     "% is below --min-coverage " + percent_text(facts.min_coverage / 100.0) +
                                     "%: the items listed as not covered say what they need");
    }
    return run_verdict::pass();
}

run_verdict judge_load_run(const load_result& run) {
    if (run.stats.intended == 0 && !run.interrupted) {
        return run_verdict::untested("no request was measured, so the target was not tested (the run ended "
                                     "before its first request completed after the warmup)");
    }
    if (run.stats.intended > 0 && run.stats.count(request_fate::answered) == 0 &&
        run.stats.answered_unmeasured == 0) {
        return run_verdict::untested(nothing_answered(run.stats.first_failure.empty()
                                                          ? std::string("every request was too late to send")
                                                          : run.stats.first_failure));
    }
    if (run.interrupted) {
        return run_verdict::interrupt("the results cover the run until it was stopped");
    }
    // Requests never offered: the generator's limit is not the target's failure; a target that slowed down
    // is.
    const load_limit_finding limit = find_load_limit(run);
    if (limit.kind == load_limit::connection_cap || limit.kind == load_limit::generator_pace) {
        return run_verdict::untested("the generator " + limit.words);
    }
    std::string reason = load_failure_reason(run);
    if (limit.kind == load_limit::target_slowed) {
        reason = limit.words + (reason.empty() ? "" : "; " + reason);
    }
    if (!reason.empty()) {
        return run_verdict::fail(std::move(reason));
    }
    return run_verdict::pass();
}

run_verdict judge_replay_run(const verify_result& run, bool judged_against_contract) {
    if (!judged_against_contract) {
        return run_verdict::untested("the request is not the contract's operation, so nothing was judged "
                                     "against the contract");
    }
    if (run.count().failed > 0) {
        return run_verdict::fail(reproduced_reason(run));
    }
    return run_verdict::pass();
}

std::optional<run_verdict> judge_replay_reach(const std::vector<http::exchange>& exchanges,
                                              bool http2_asked) {
    if (exchanges.empty()) {
        return std::nullopt;
    }
    const auto all = [&exchanges](auto&& predicate) {
        return std::all_of(exchanges.begin(), exchanges.end(), predicate);
    };
    if (all([](const http::exchange& e) {
            return e.outcome == http::outcome_kind::connect || e.outcome == http::outcome_kind::tls;
        })) {
        return run_verdict::untested("the target could not be reached, so nothing was replayed: " +
                                     exchanges.front().error);
    }
    if (http2_asked &&
        all([](const http::exchange& e) { return e.outcome == http::outcome_kind::protocol; })) {
        return run_verdict::untested(
            "the target does not speak HTTP/2, so nothing was replayed as captured: " +
            exchanges.front().error + " (--http 1.1 replays it over HTTP/1.1)");
    }
    return std::nullopt;
}

run_verdict combine_verdicts(const std::vector<run_verdict>& verdicts) {
    for (const verdict_kind worst :
         {verdict_kind::not_tested, verdict_kind::interrupted, verdict_kind::failed}) {
        for (const run_verdict& v : verdicts) {
            if (v.kind == worst) {
                return v;
            }
        }
    }
    return run_verdict::pass();
}

} // namespace harness::result
