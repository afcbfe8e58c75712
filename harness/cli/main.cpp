// The `harness` binary: parses the command line (CLI11 lives in this file only, it is slow to compile) and
// hands each subcommand to its own *_command.cpp.

#include "contract_command.hpp"
#include "exit_codes.hpp"
#include "harness/result/request_kind.hpp"
#include "load_command.hpp"
#include "mock_command.hpp"
#include "number_checks.hpp"
#include "report_command.hpp"
#include "repro_command.hpp"
#include "typo_hints.hpp"
#include "verify_command.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

namespace {

using namespace harness::cli;

// Every subcommand's options live here, for as long as main() runs the parsed command.
struct command_state {
    int result = exit_ok;
    contract_show_options contract_show;
    contract_check_options contract_check;
    mock_options mock;
    verify_options verify;
    load_options load;
    report_compare_options compare;
    report_merge_options merge;
    report_render_options render;
    report_html_options html;
    repro_options repro;
};

// The target flags verify and load share.
void add_target_options(CLI::App* app, harness::target::target_description& t) {
    app->add_option("--target", t.url, "base URL of the gateway, e.g. https://staging.example.com");
    app->add_option("--project", t.project, "projectUuid to send to");
    app->add_option("--conversation", t.conversation, "conversationUuid of that project");
    app->add_option("--company", t.company, "the project's companyUuid");
    app->add_option("--token-env", t.token_env, "environment variable holding a valid token for the project");
    app->add_option("--other-project-token-env", t.other_project_token_env,
                    "variable with a valid token that does not grant this project");
    app->add_option("--expired-token-env", t.expired_token_env, "variable with an expired token");
    app->add_option("--admin-url", t.admin_url, "a harness mock's base URL, to count stored messages");
    app->add_option("--store-url", t.store_url,
                    "a URL answering how many messages a conversation holds, with {conversation} in it");
    app->add_option("--store-count-pointer", t.store_count_pointer,
                    "JSON pointer to that count in the reply (default /storedTotal)");
    app->add_option("--cacert", t.ca_file, "PEM CA bundle to verify the target's certificate")
        ->check(CLI::ExistingFile);
    app->add_flag("--insecure", t.insecure, "do not verify the target's certificate (only when asked)");
    app->add_option("--client-cert", t.client_cert_file, "PEM client certificate (mutual TLS)")
        ->check(CLI::ExistingFile);
    app->add_option("--client-key", t.client_key_file, "PEM client key (mutual TLS)")
        ->check(CLI::ExistingFile);
    app->add_option("--connect-timeout", t.connect_timeout_ms, "ms to connect")
        ->check(whole_between(1, 600000))
        ->capture_default_str();
    app->add_option("--timeout", t.response_timeout_ms, "ms for a whole response")
        ->check(whole_between(1, 600000))
        ->capture_default_str();
    app->add_option("--http", t.http,
                    "HTTP version: auto (h2 or HTTP/1.1 by ALPN over https, HTTP/1.1 over http), 1.1, or 2 "
                    "(h2c with prior knowledge over http)")
        ->check(CLI::IsMember({"auto", "1.1", "2"}))
        ->capture_default_str();
}

// The target flags only verify uses: scoping and the store.
void add_verify_target_options(CLI::App* app, harness::target::target_description& t) {
    app->add_option("--conversation-2", t.conversation_2,
                    "a second conversation of the project (key scoping)");
    app->add_option("--second-caller-token-env", t.second_caller_token_env,
                    "variable with another caller's token, same access (key scoping per caller)");
}

void add_contract_commands(CLI::App& app, command_state& state) {
    CLI::App* contract =
        app.add_subcommand("contract", "Show or check the endpoint's contract (OpenAPI + profile)");
    contract->require_subcommand(1);

    contract_show_options& show_options = state.contract_show;
    CLI::App* show = contract->add_subcommand("show", "Print the operation: method, path, parameters, "
                                                      "request and response fields (type/required/nullable)");
    show->add_option("--contract", show_options.contract_path,
                     "OpenAPI 3.0/3.1 document (default: the built-in one)")
        ->check(CLI::ExistingFile);
    show->callback([&state] { state.result = run_contract_show(state.contract_show, std::cout, std::cerr); });

    contract_check_options& check_options = state.contract_check;
    CLI::App* check = contract->add_subcommand(
        "check",
        "Check a contract document: $refs, schemas, unenforced keywords, examples; exit 1 if broken");
    check->add_option("file", check_options.contract_path, "OpenAPI 3.0/3.1 document (YAML or JSON)")
        ->required();
    check->add_option("--profile", check_options.profile_path, "behaviour profile to check as well")
        ->check(CLI::ExistingFile);
    check->add_flag("--strict", check_options.strict,
                    "fail on warnings (keywords read but not enforced) too");
    check->callback(
        [&state] { state.result = run_contract_check(state.contract_check, std::cout, std::cerr); });
}

void add_mock_command(CLI::App& app, command_state& state) {
    mock_options& o = state.mock;
    CLI::App* mock = app.add_subcommand(
        "mock",
        "Serve a mock of the endpoint that behaves as the contract and profile say (Ctrl-C stops it)");
    mock->add_option("--bind", o.bind, "address to listen on")->capture_default_str();
    mock->add_option("--port", o.port, "port; 0 picks a free one (read it from the first line)")
        ->check(whole_between(0, 65535))
        ->capture_default_str();
    mock->add_option("--threads", o.threads, "I/O threads")
        ->check(whole_between(1, 256))
        ->capture_default_str();
    mock->add_option("--fixtures", o.fixtures_path,
                     "projects, conversations and tokens (YAML); default: built-in")
        ->check(CLI::ExistingFile);
    mock->add_option("--fault", o.faults,
                     "fault rule KIND[=VALUE][,p=P|,every=N]; repeatable; see --list-faults");
    mock->add_option("--tls-cert", o.tls_cert, "PEM certificate chain: serve HTTPS")
        ->check(CLI::ExistingFile);
    mock->add_option("--tls-key", o.tls_key, "PEM private key for --tls-cert")->check(CLI::ExistingFile);
    mock->add_option("--tls-client-ca", o.tls_client_ca,
                     "PEM CA: require client certificates it signed (mTLS)")
        ->check(CLI::ExistingFile);
    mock->add_option("--contract", o.contract_path, "OpenAPI document; default: built-in")
        ->check(CLI::ExistingFile);
    mock->add_option("--profile", o.profile_path, "behaviour profile; default: built-in")
        ->check(CLI::ExistingFile);
    mock->add_option("--proxy", o.proxy_url, "record mode: forward every request to this base URL …");
    mock->add_option("--record-to", o.record_dir,
                     "… and keep each exchange here as a redacted scenario file");
    mock->add_flag("--proxy-insecure", o.proxy_insecure, "do not verify the --proxy target's certificate");
    mock->add_flag("--print-fixtures", o.print_fixtures, "print the fixtures in use (YAML) and exit");
    mock->add_flag("--list-faults", o.list_faults, "list fault kinds and drift names and exit");
    mock->add_option("--idempotency-capacity", o.idempotency_capacity,
                     "most idempotency keys kept (oldest evicted)")
        ->check(whole_between(1, 100'000'000))
        ->capture_default_str();
    mock->add_option("--idempotency-ttl", o.idempotency_ttl_seconds, "seconds an idempotency key is kept")
        ->check(whole_between(1, 31'536'000))
        ->capture_default_str();
    mock->add_option("--message-capacity", o.message_capacity, "most stored messages kept (oldest evicted)")
        ->check(whole_between(1, 100'000'000))
        ->capture_default_str();
    mock->add_option("--max-connections", o.max_connections, "connections beyond this are closed at once")
        ->check(whole_between(1, 1'000'000))
        ->capture_default_str();
    mock->add_option("--read-timeout", o.read_timeout_ms,
                     "ms a whole request (or an idle keep-alive) may take")
        ->check(whole_between(10, 3'600'000))
        ->capture_default_str();
    mock->add_option("--header-limit", o.header_limit, "bytes of request line and headers; beyond: 431")
        ->check(whole_between(256, 1'048'576))
        ->capture_default_str();
    mock->callback([&state] { state.result = run_mock(state.mock, std::cout, std::cerr); });
}

void add_verify_command(CLI::App& app, command_state& state) {
    verify_options& o = state.verify;
    auto& t = o.target;
    CLI::App* verify = app.add_subcommand(
        "verify",
        "Check that a target keeps the contract: conformance, validation, routing, auth, idempotency and "
        "latency\n"
        "suites, with a table of what the contract declares and what was covered.\n"
        "Without --target, runs against the built-in mock. Exit 0 all pass, 1 a check failed, 2 setup "
        "error.");
    add_target_options(verify, t);
    add_verify_target_options(verify, t);
    verify->add_option("--target-file", o.target_file, "the target description as YAML (docs/scenarios.md)")
        ->check(CLI::ExistingFile);
    verify
        ->add_option("--suite", o.suites,
                     "conformance, validation, routing, auth, idempotency or latency; repeatable; default "
                     "all; 'none' runs "
                     "only --scenario files")
        ->check(CLI::IsMember(
            {"conformance", "validation", "routing", "auth", "idempotency", "protocols", "latency", "none"}));
    verify->add_option("--scenario", o.scenario_files, "an extra scenario file (YAML); repeatable")
        ->check(CLI::ExistingFile);
    verify->add_option(
        "--under-load", t.under_load,
        "RATE[:DURATION]: valid sends at RATE/s in the background while every case runs (docs/scenarios.md)");
    verify->add_option(
        "--load-conversation", t.load_conversation,
        "a conversation for --under-load's sends, so stored-message counts of the cases stay exact");
    verify->add_option("--failing-conversation", t.failing_conversation,
                       "a conversation the gateway fails on (500), to check its error envelope");
    verify
        ->add_option("--min-coverage", o.min_coverage,
                     "PCT of the coverage model's items that must be covered, else exit 2 (default: no gate)")
        ->check(number_between(0.0, 100.0));
    verify->add_option("--junit", o.junit_file, "write JUnit XML here");
    verify->add_option("--json", o.json_file, "write the JSON result here");
    verify
        ->add_option("--max-time", o.max_time_seconds,
                     "seconds for the whole run; the cases left are not run and the exit is 2 (0: no limit)")
        ->check(zero_or_more());
    verify->add_option("--report-dir", o.report_dir,
                       "write every format (JSON, JUnit, Markdown, HTML) into this folder");
    verify->add_option("--contract", o.contract_path, "OpenAPI document; default: built-in")
        ->check(CLI::ExistingFile);
    verify->add_option("--profile", o.profile_path, "behaviour profile; default: built-in")
        ->check(CLI::ExistingFile);
    verify->add_option("--mock-fault", o.mock_faults,
                       "a fault for the built-in mock (see harness mock --list-faults)");
    verify->callback([&state] { state.result = run_verify(state.verify, std::cout, std::cerr); });
}

void add_load_command(CLI::App& app, command_state& state) {
    load_options& o = state.load;
    CLI::App* load = app.add_subcommand(
        "load", "Drive the endpoint at a fixed arrival rate (open loop, the default) or closed loop; report\n"
                "coordinated-omission-corrected percentiles, write JSON and .hlog, judge thresholds.\n"
                "Without --target, runs against the built-in mock. Exit 0 thresholds hold, 1 one fails, 2 "
                "setup error.");
    add_target_options(load, o.target);
    load->add_option("--target-file", o.target_file, "the target description as YAML")
        ->check(CLI::ExistingFile);
    load->add_option("--rate", o.plan.rate, "requests per second, constant arrival (open loop; default 1000)")
        ->check(above_zero())
        ->each([&o](const std::string&) { o.plan.rate_given = true; });
    load->add_option("--connections", o.plan.connections, "connections in all (closed loop when no --rate)")
        ->check(whole_between(1, 100000))
        ->capture_default_str()
        ->each([&o](const std::string&) { o.plan.connections_given = true; });
    load->add_option(
            "--streams", o.plan.streams,
            "requests in flight at once on each connection: HTTP/2 streams, as h2load -m (needs HTTP/2)")
        ->check(whole_between(1, 1000))
        ->capture_default_str();
    load->add_option("--stages", o.plan.stages, "ramping arrival rate, e.g. 10s:1000,30s:5000,10s:0");
    load->add_option("--duration", o.plan.duration, "how long, e.g. 10s, 2m")->capture_default_str();
    load->add_option("--warmup", o.plan.warmup, "sent but not measured at the start, e.g. 2s")
        ->capture_default_str();
    load->add_option("--max-lag", o.plan.max_lag,
                     "a request not sent within this of its time is counted too late")
        ->capture_default_str();
    load->add_option("--threads", o.plan.threads, "load threads")
        ->check(whole_between(1, 256))
        ->capture_default_str();
    load->add_option("--mix", o.target.mix,
                     "request kinds and weights, KIND=WEIGHT,… or all (" +
                         harness::result::request_kind_names() +
                         "); each reply judged by its kind's oracle (docs/load.md)");
    load->add_option("--resend-ratio", o.plan.resend_percent,
                     "percent of requests that resend an earlier key")
        ->check(number_between(0.0, 100.0));
    load->add_option("--validate-sample", o.plan.validate_every,
                     "check one reply in N against the contract; 0: none")
        ->capture_default_str();
    load->add_option("--threshold", o.thresholds,
                     "e.g. 'p99<50ms' 'errors<0.1%' 'rate>=0.95' 'violations==0'");
    load->add_option("--json", o.json_file, "write the JSON result here (default: not written)");
    load->add_option("--hlog", o.hlog_file,
                     "write the HdrHistogram interval log here (default: not written)");
    load->add_option("--metrics-addr", o.metrics_addr,
                     "serve Prometheus /metrics here while running, e.g. 127.0.0.1:9464");
    load->add_flag(
        "--no-default-thresholds", [&o](std::int64_t) { o.default_thresholds = false; },
        "without --threshold, judge nothing (default: errors<=1% and violations==0)");
    load->add_option("--shard", o.plan.shard,
                     "I/N: this process is shard I of N (rate/N, its own key space)");
    load->add_option("--start-at", o.start_at_ms, "epoch milliseconds to start at (shards start together)");
    load->add_option("--report-dir", o.report_dir,
                     "write every format (JSON, .hlog, JUnit, Markdown, HTML) here");
    load->add_option("--contract", o.contract_path, "OpenAPI document; default: built-in")
        ->check(CLI::ExistingFile);
    load->add_option("--profile", o.profile_path, "behaviour profile; default: built-in")
        ->check(CLI::ExistingFile);
    load->add_option("--mock-fault", o.mock_faults,
                     "a fault for the built-in mock (see harness mock --list-faults)");
    load->add_flag(
        "--no-progress", [&o](std::int64_t) { o.progress = false; }, "no progress line");
    load->add_option("--progress-interval", o.progress_interval,
                     "seconds between progress lines (default: 1 on a terminal, 5 otherwise, as in a CI log)")
        ->check(above_zero());
    load->callback([&state] { state.result = run_load_command(state.load, std::cout, std::cerr); });
}

void add_report_commands(CLI::App& app, command_state& state) {
    CLI::App* report = app.add_subcommand("report", "Work with result files of verify and load");
    report->require_subcommand(1);
    report_compare_options& o = state.compare;
    CLI::App* compare = report->add_subcommand(
        "compare", "Compare a load result with a baseline: each percentile, mean, max and rate, old vs new;\n"
                   "exit 1 when a gated metric regresses by more than --max-regression");
    compare->add_option("base", o.base_file, "the baseline harness.load JSON")
        ->required()
        ->check(CLI::ExistingFile);
    compare->add_option("new", o.current_file, "the new harness.load JSON")
        ->required()
        ->check(CLI::ExistingFile);
    compare->add_option("--max-regression", o.max_regression, "allowed worsening, e.g. 10% or 0.1")
        ->capture_default_str();
    compare->add_option("--gate", o.gates,
                        "metrics that decide: p50 p75 p90 p99 p99.9 p99.99 mean max rate errors "
                        "(default p50 p90 p99 p99.9 rate errors)");
    compare
        ->add_option("--min-change", o.min_change,
                     "noise floor: a latency regresses only if it also grows by more than this")
        ->capture_default_str();
    compare->add_flag("--force", o.force,
                      "compare runs of different modes or requested rates (refused otherwise)");
    compare->callback([&state] { state.result = run_report_compare(state.compare, std::cout, std::cerr); });

    report_merge_options& m = state.merge;
    CLI::App* merge = report->add_subcommand(
        "merge",
        "Merge load results (runs or shards): histograms exactly, counts summed, timeline by wall clock");
    merge->add_option("files", m.files, "harness.load JSON files")->required();
    merge->add_option("-o,--output", m.output, "the merged harness.load JSON")->required();
    merge->add_option("--hlog", m.hlog, "also write the merged interval log");
    merge->add_option("--threshold", m.thresholds,
                      "judge the merged run, e.g. 'p99<50ms' 'errors<0.1%'; exit 1 if one fails");
    merge->callback([&state] { state.result = run_report_merge(state.merge, std::cout, std::cerr); });

    CLI::App* html = report->add_subcommand(
        "html",
        "One self-contained HTML page (inline SVG charts, no network) of verify and load JSON results");
    html->add_option("runs", state.html.inputs, "harness.verify and harness.load JSON results")
        ->required()
        ->check(CLI::ExistingFile);
    html->add_option("-o,--output", state.html.output, "the HTML file to write")->required();
    html->callback([&state] { state.result = run_report_html(state.html, std::cout, std::cerr); });

    for (const char* format : {"markdown", "junit"}) {
        CLI::App* render = report->add_subcommand(
            format,
            std::string("Render a verify or load JSON result as ") +
                (std::string(format) == "markdown" ? "Markdown (CI job summary, PR comment)" : "JUnit XML"));
        render->add_option("run", state.render.input, "a harness.verify or harness.load JSON result")
            ->required()
            ->check(CLI::ExistingFile);
        render->add_option("-o,--output", state.render.output, "the file to write")->required();
        const std::string name = format;
        render->callback([&state, name] {
            state.render.format = name;
            state.result = run_report_render(state.render, std::cout, std::cerr);
        });
    }
}

void add_repro_command(CLI::App& app, command_state& state) {
    repro_options& o = state.repro;
    CLI::App* repro = app.add_subcommand(
        "repro",
        "Replay a captured request (HAR entry, curl command, scenario), explain in words which contract "
        "rule\n"
        "each reply breaks and how replies differ; --bundle writes a redacted folder with a scenario for "
        "CI.\n"
        "Exit 0 every reply keeps the contract, 1 the failure reproduced, 2 bad input or setup error.");
    repro->add_option("--har", o.har_file, "a HAR 1.2 file (browser dev tools' export)")
        ->check(CLI::ExistingFile);
    repro->add_option("--entry", o.entry, "which HAR entry, numbered from 1 as listed")->check(above_zero());
    repro->add_option("--match", o.match, "the HAR entry whose method and URL contain this text");
    repro->add_option("--curl", o.curl, "a curl command line, e.g. from \"copy as cURL\"");
    repro->add_option("--curl-file", o.curl_file, "a file holding a curl command line")
        ->check(CLI::ExistingFile);
    repro->add_option("--scenario", o.scenario_file, "replay a scenario case's first step")
        ->check(CLI::ExistingFile);
    repro->add_option("--case", o.case_name, "with --scenario: the case's name (default: the first)");
    repro->add_option("--project", o.project,
                      "with --scenario: projectUuid for steps that leave it to the target");
    repro->add_option("--conversation", o.conversation, "with --scenario: conversationUuid likewise");
    repro->add_option("--target", o.target, "base URL to send to instead of the captured origin");
    repro->add_option("--token-env", o.token_env,
                      "environment variable whose token replaces the captured credential");
    repro->add_option("--repeat", o.repeat, "replays in all (intermittent failures)")
        ->check(whole_between(1, 100000))
        ->capture_default_str();
    repro
        ->add_option("--concurrency", o.concurrency,
                     "replays sent at once over their own connections (races)")
        ->check(whole_between(1, 1000))
        ->capture_default_str();
    repro->add_option("--bundle", o.bundle_dir,
                      "write the redacted evidence and a scenario into this new folder");
    repro->add_option("--redact-field", o.redact_fields,
                      "a JSON field whose values are redacted everywhere; repeatable");
    repro->add_option("--cacert", o.ca_file, "PEM CA bundle to verify the target's certificate")
        ->check(CLI::ExistingFile);
    repro->add_flag("--insecure", o.insecure, "do not verify the target's certificate");
    repro
        ->add_option(
            "--http", o.http,
            "HTTP version of the replays: auto, 1.1 or 2 (default: as captured, e.g. a HAR entry's h2)")
        ->check(CLI::IsMember({"auto", "1.1", "2"}));
    repro->add_option("--connect-timeout", o.connect_timeout_ms, "ms to connect")
        ->check(whole_between(1, 600000));
    repro->add_option("--timeout", o.response_timeout_ms, "ms for a whole response")
        ->check(whole_between(1, 600000));
    repro->add_option("--contract", o.contract_path, "OpenAPI document; default: built-in")
        ->check(CLI::ExistingFile);
    repro->add_option("--profile", o.profile_path, "behaviour profile; default: built-in")
        ->check(CLI::ExistingFile);
    repro->callback([&state] { state.result = run_repro(state.repro, std::cout, std::cerr); });
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"harness: contract and load testing for the live-chat operator-message endpoint\n"
                 "Exit codes: 0 ok, 1 what was checked failed, 2 usage or setup error."};
    app.name("harness");
    app.require_subcommand(1);
    app.set_version_flag("--version", "harness 0.1.0");
    command_state state;
    add_contract_commands(app, state);
    add_mock_command(app, state);
    add_verify_command(app, state);
    add_load_command(app, state);
    add_report_commands(app, state);
    add_repro_command(app, state);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // A typo'd subcommand or flag is named with the closest known one; anything else is CLI11's message.
        if (const auto explained = explain_unknown_words(app, argc, argv)) {
            std::cerr << "error: " << *explained << "\n";
            return exit_usage;
        }
        app.exit(e);
        return exit_usage;
    }
    return state.result;
}
