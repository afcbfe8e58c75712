#include "repro_run.hpp"

#include "harness/result/run_judgement.hpp"

#include <algorithm>
#include <ctime>

namespace harness::repro {

namespace {

std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
    return text;
}

// The capture's HTTP unless told otherwise: a failure seen over HTTP/2 is replayed over HTTP/2.
http::client_options replay_client(const repro_plan& plan, captured_request& captured) {
    http::client_options client = plan.client;
    if (!plan.http_forced) {
        client.http = http::parse_http_version(captured.http_version.empty() ? "auto" : captured.http_version)
                          .value_or(http::http_version::automatic);
        if (captured.http_version == "2") {
            captured.notes.push_back("replayed over HTTP/2 as captured (--http 1.1 or auto to change it)");
        }
    }
    if (captured.insecure && !client.tls.insecure) {
        client.tls.insecure = true;
        captured.notes.push_back("the capture used -k: the replay does not verify TLS either");
    }
    return client;
}

} // namespace

repro_outcome run_repro_plan(const repro_plan& plan, secret_redactor& redactor) {
    const contract::operation& operation = *plan.contract->served_operation();
    repro_outcome outcome;
    outcome.captured = read_capture(plan.source, operation, *plan.profile, plan.token.value_or(""));
    redactor.learn_from(outcome.captured);
    replay_choices choices;
    // A scenario's request is built for the target already (with its base path); a capture is re-pointed.
    choices.target = plan.source.scenario_file.empty() ? plan.source.target : "";
    choices.token = plan.token;
    choices.auth_header = plan.profile->auth_header;
    outcome.sent = prepare_replay(outcome.captured, choices);
    const http::client_options client = replay_client(plan, outcome.captured);
    std::vector<http::exchange> exchanges = replay(outcome.sent, client, plan.shape);
    for (auto& e : exchanges) {
        e = redactor.exchange(e);
    }
    // Refused or TLS-refused every time is a local setup problem, not the customer's failure reproduced.
    if (auto unreached = result::judge_replay_reach(exchanges, client.http == http::http_version::http2)) {
        outcome.verdict = result::run_verdict::untested(redactor.text(unreached->reason));
        return outcome;
    }
    outcome.replayed = true;
    outcome.shown_sent = outcome.sent;
    outcome.shown_sent.request = redactor.request(outcome.sent.request);
    outcome.shown_captured = redactor.captured(outcome.captured);
    outcome.findings = judge_replays(
        outcome.shown_captured, outcome.shown_sent, exchanges,
        {operation, *plan.profile, outcome.sent.target.to_string(), plan.contract->source_name()});
    outcome.verdict = outcome.findings.run.verdict;
    return outcome;
}

scenario_spec scenario_of(const repro_outcome& outcome, int concurrency, const contract::profile& profile) {
    const captured_request& captured = outcome.shown_captured;
    const replay_findings& findings = outcome.findings;
    const http::http_request& sent = outcome.shown_sent.request;
    scenario_spec spec;
    spec.case_name = "repro: " + captured.origin;
    spec.description = findings.expectation.summary;
    spec.request = sent;
    const auto& c = findings.run.cases.front();
    const int total = static_cast<int>(c.exchanges.size());
    spec.concurrent = std::max(1, std::min(concurrency, total));
    spec.repeat = (total + spec.concurrent - 1) / spec.concurrent;
    spec.same_data_across_copies = !findings.expectation.idempotency_key.empty() && total > 1;
    if (findings.expectation.failure) {
        spec.expect_failure = findings.expectation.failure;
    } else {
        // While the failure reproduces, expect what the good replies got (or success); otherwise keep what
        // was seen.
        for (std::size_t i = 0; i < c.exchanges.size(); ++i) {
            const bool good = findings.reply_verdicts[i].empty();
            const auto& e = c.exchanges[i];
            if (e.outcome == http::outcome_kind::ok && (good || !findings.reproduced()) &&
                std::find(spec.expect_status.begin(), spec.expect_status.end(), e.response.status) ==
                    spec.expect_status.end()) {
                spec.expect_status.push_back(e.response.status);
            }
        }
        if (spec.expect_status.empty()) {
            spec.expect_status.push_back(profile.success_status);
        }
    }
    spec.comments.push_back("Reproduces " + captured.origin + " (" + captured.method + " " + captured.url +
                            ")");
    spec.comments.push_back("Written by harness repro on " + today() + ". " + findings.expectation.summary +
                            ".");
    for (std::size_t i = 0; i < findings.reply_verdicts.size(); ++i) {
        if (!findings.reply_verdicts[i].empty()) {
            spec.comments.push_back("Seen in replay " + std::to_string(i + 1) + ": " +
                                    findings.reply_verdicts[i].front());
            break;
        }
    }
    for (const auto& d : findings.differences) {
        spec.comments.push_back("Across replays: " + d);
    }
    spec.comments.push_back(
        "Run: harness verify --suite none --scenario scenario.yaml --target URL --project P "
        "--conversation C --token-env VAR (exit 1 while it reproduces)");
    return spec;
}

} // namespace harness::repro
