#include "verify_command.hpp"

#include "builtin_mock_target.hpp"
#include "exit_codes.hpp"
#include "harness/checks/http_store_oracle.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/coverage_model.hpp"
#include "harness/contract/profile.hpp"
#include "harness/load/background_load.hpp"
#include "harness/load/latency_probe.hpp"
#include "harness/result/coverage_tally.hpp"
#include "harness/result/latency_budget.hpp"
#include "harness/result/time_text.hpp"
#include "harness/result/verify_result.hpp"
#include "harness/scenario/builtin_suites.hpp"
#include "harness/scenario/runner.hpp"
#include "harness/scenario/scenario_loader.hpp"
#include "output_file.hpp"
#include "reports/console_writer.hpp"
#include "reports/coverage_writer.hpp"
#include "reports/html_writer.hpp"
#include "reports/junit_writer.hpp"
#include "reports/markdown_writer.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <thread>

namespace harness::cli {

namespace {

namespace hc = harness::contract;
namespace hs = harness::scenario;

// One exchange before the cases: an unreachable target, or one that will not speak the HTTP asked for, is a
// setup error (exit 2), not a failed check; otherwise the protocol it speaks, for every output.
struct probe_result {
    std::optional<std::string> refused;
    std::string protocol;
};

// Whether the target speaks HTTP/2 when asked (h2 by ALPN over https, h2c over http): "" when it does, why
// not otherwise. For the cases that compare the two protocols.
std::string http2_refusal(const harness::target::target_spec& target) {
    http::client_options options = target.client;
    options.http = http::http_version::http2;
    http::http_client probe(target.url, options);
    http::http_request request;
    request.method = "GET";
    request.target = "/";
    const http::exchange e = probe.send(request);
    return e.outcome == http::outcome_kind::ok ? std::string() : e.error;
}

probe_result probe_target(const harness::target::target_spec& target) {
    http::http_client probe(target.url, target.client);
    http::http_request request;
    request.method = "GET";
    request.target = "/";
    const http::exchange e = probe.send(request);
    if (e.outcome == http::outcome_kind::connect || e.outcome == http::outcome_kind::tls) {
        return {e.error, ""};
    }
    if (e.outcome == http::outcome_kind::protocol && target.client.http == http::http_version::http2) {
        return {"the target does not speak HTTP/2 with prior knowledge (h2c): " + e.error +
                    "; use --http auto or 1.1",
                ""};
    }
    return {std::nullopt, std::string(probe.protocol())};
}

// Whether the latency suite runs: asked for by name, or by default when the profile has a budget.
bool latency_suite_wanted(const verify_options& options, const hc::profile& profile) {
    const bool named =
        std::find(options.suites.begin(), options.suites.end(), "latency") != options.suites.end();
    if (named && !profile.slo) {
        throw std::invalid_argument(
            "--suite latency: the profile " + profile.name +
            " has no latency budget (slo: {p99_ms, requests, rate}, docs/profile.md)");
    }
    return named || (options.suites.empty() && profile.slo);
}

// The suites to run: the built-in ones named (all by default; "none" for none) and the scenario files.
std::vector<hs::suite> load_suites(const verify_options& options, const hc::contract& contract,
                                   const hc::operation& operation, const hc::profile& profile) {
    std::vector<hs::suite> suites;
    for (const std::string& name : options.suites.empty() ? hs::builtin_suite_names() : options.suites) {
        if (name != "none" && name != "latency") {
            suites.push_back(hs::builtin_suite(name, contract, operation, profile));
        }
    }
    for (const std::string& file : options.scenario_files) {
        suites.push_back(hs::load_suite(file));
    }
    return suites;
}

// The target to verify: the built-in mock (kept alive by `mock`) or the one the flags and target file
// describe.
harness::target::target_spec verify_target(const verify_options& options,
                                           const std::vector<hs::suite>& suites, const hc::contract& contract,
                                           const hc::profile& profile,
                                           std::unique_ptr<builtin_mock_target>& mock, std::string& name,
                                           std::string& under_load) {
    harness::target::target_description description = options.target;
    // A step names its own path with raw_path, or with a value for every path parameter (a repro bundle's).
    const std::vector<std::string> parameters = contract.served_operation()->path.parameter_names();
    const auto names_its_path = [&](const hs::step& st) {
        return !st.request.raw_path.empty() ||
               std::all_of(parameters.begin(), parameters.end(),
                           [&](const std::string& p) { return st.request.path.contains(p); });
    };
    description.fixed_paths =
        !suites.empty() && std::all_of(suites.begin(), suites.end(), [&](const hs::suite& s) {
            return std::all_of(s.cases.begin(), s.cases.end(), [&](const hs::scenario_case& c) {
                return std::all_of(c.steps.begin(), c.steps.end(), names_its_path);
            });
        });
    if (!options.target_file.empty()) {
        description = harness::target::merge_target_file(options.target_file, description);
    }
    under_load = description.under_load;
    if (description.url.empty() && !options.target_file.empty()) {
        throw std::invalid_argument(options.target_file + " gives no url");
    }
    return choose_target(description, contract, profile, options.mock_faults, 2, mock, name);
}

bool write_outputs(const result::verify_result& run, const verify_options& options, std::ostream& out,
                   std::ostream& err) {
    const auto junit = [&](std::ostream& o) {
        reports::write_junit(run, o);
    };
    const auto json = [&](std::ostream& o) {
        o << result::to_json(run);
    };
    if (!options.junit_file.empty() && !write_output_file(options.junit_file, "JUnit XML", err, junit)) {
        return false;
    }
    if (!options.json_file.empty() && !write_output_file(options.json_file, "the JSON result", err, json)) {
        return false;
    }
    if (options.report_dir.empty()) {
        return true;
    }
    std::error_code dir_error;
    std::filesystem::create_directories(options.report_dir, dir_error);
    const std::filesystem::path dir(options.report_dir);
    const bool written = write_output_file((dir / "verify.json").string(), "the JSON result", err, json) &&
                         write_output_file((dir / "verify.junit.xml").string(), "JUnit XML", err, junit) &&
                         write_output_file((dir / "verify.md").string(), "Markdown", err,
                                           [&](std::ostream& o) { reports::write_markdown(run, o); }) &&
                         write_output_file((dir / "verify.html").string(), "HTML", err,
                                           [&](std::ostream& o) { reports::write_html({run}, {}, o); });
    if (written) {
        out << "reports in " << options.report_dir << "\n";
    }
    return written;
}

// Runs every case, printing each as it ends (flushed, so a CI log shows progress even if the job is killed).
// Returns why the target could not be tested ("" when it could): it stopped answering, or --max-time ran out;
// the cases not run are listed as skipped with that reason.
std::string run_cases(const std::vector<hs::suite>& suites, bool latency, hs::run_context& context,
                      double max_time_seconds, load::background_load* background, result::verify_result& run,
                      std::ostream& out) {
    const auto started = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    reports::write_console_header(run, out);
    out.flush();
    std::string not_tested;
    std::string suite;
    for (const hs::suite& s : suites) {
        for (const hs::scenario_case& c : s.cases) {
            if (not_tested.empty() && !context.not_answering.empty()) {
                not_tested = "target not answering: " + context.not_answering;
            }
            if (not_tested.empty() && max_time_seconds > 0 && elapsed() > max_time_seconds) {
                not_tested =
                    "the run did not finish within --max-time " + std::to_string(max_time_seconds) + " s";
            }
            result::case_outcome outcome;
            if (not_tested.empty()) {
                const bool loaded = background != nullptr && background->running();
                const double second = loaded ? background->seconds_since_start() : 0;
                outcome = hs::run_case(s, c, context);
                outcome.under_load = loaded && outcome.status != result::case_status::skipped;
                outcome.load_second = second;
            } else {
                outcome.suite = s.name;
                outcome.name = c.name;
                outcome.status = result::case_status::skipped;
                outcome.skip_reason = "not run: " + not_tested;
            }
            reports::write_console_case(outcome, suite, out, run.base_url);
            out.flush();
            suite = outcome.suite;
            run.cases.push_back(std::move(outcome));
        }
    }
    if (latency && not_tested.empty() && context.not_answering.empty()) {
        // The burst goes through the load engine after the suites, so its load meets none of their cases.
        result::case_outcome outcome;
        try {
            outcome =
                result::latency_budget_case(load::run_latency_probe(context.target, context.operation,
                                                                    context.profile, *context.profile.slo),
                                            *context.profile.slo);
        } catch (const std::exception& e) {
            outcome =
                result::latency_budget_not_run(*context.profile.slo, std::string("not run: ") + e.what());
        }
        reports::write_console_case(outcome, suite, out, run.base_url);
        out.flush();
        run.cases.push_back(std::move(outcome));
    }
    if (not_tested.empty() && !context.not_answering.empty()) {
        not_tested = "target not answering: " + context.not_answering;
    }
    run.duration_ms = elapsed() * 1000.0;
    return not_tested;
}

// verify --under-load: valid sends at RATE in the background, holding their rate before the first case.
std::unique_ptr<load::background_load> start_background_load(const std::string& under_load,
                                                             const harness::target::target_spec& target,
                                                             const hc::operation& operation,
                                                             const hc::profile& profile) {
    if (under_load.empty()) {
        return nullptr;
    }
    const load::background_spec spec = load::parse_background_spec(under_load);
    load::load_plan plan;
    // Its own conversation when there is one: the cases' stored-message counts then see none of its messages.
    harness::target::target_spec load_target = target;
    if (!target.load_conversation.empty()) {
        load_target.conversation = target.load_conversation;
    }
    plan.operation = &operation;
    plan.profile = &profile;
    plan.expected_status = profile.success_status;
    plan.timeout = target.client.response_timeout;
    plan.max_body_bytes = target.client.max_response_bytes;
    auto background = std::make_unique<load::background_load>(plan, std::move(load_target), spec);
    background->start();
    return background;
}

// A case that failed under load is run once more without it: when it passes then, it is named as failing only
// under load (still a failure of the target: exit 1).
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

// When every failing case got the same refusal (401, 403 or 404), the flags are the likely cause, not the
// target.
std::optional<std::string> same_refusal_hint(const result::verify_result& run) {
    std::set<int> statuses;
    int failed = 0;
    for (const auto& c : run.cases) {
        if (c.status != result::case_status::failed) {
            continue;
        }
        ++failed;
        for (const auto& check : c.checks) {
            // Only refusals of requests that expected a success point at the flags.
            if (check.status == checks::check_status::failed && check.check == "status" &&
                check.expected.starts_with('2') &&
                (check.actual == "401" || check.actual == "403" || check.actual == "404")) {
                statuses.insert(std::stoi(check.actual));
            }
        }
    }
    if (failed < 2 || statuses.size() != 1) {
        return std::nullopt;
    }
    const int status = *statuses.begin();
    const char* flags = status == 401 ? "--token-env (is the token valid for this gateway?)"
                        : status == 403
                            ? "--token-env and --project (does the token's caller have this project?)"
                            : "--project and --conversation (do they exist on this gateway?), and the "
                              "--target base path";
    return "the failing cases got " + std::to_string(status) + " — check " + flags;
}

} // namespace

int run_verify(const verify_options& options, std::ostream& out, std::ostream& err) {
    try {
        const hc::contract contract = options.contract_path.empty()
                                          ? hc::contract::builtin()
                                          : hc::contract::load(options.contract_path);
        const hc::profile profile =
            options.profile_path.empty() ? hc::profile::builtin() : hc::profile::load(options.profile_path);
        const hc::operation* operation = contract.served_operation();
        if (operation == nullptr) {
            err << "error: " << contract.source_name()
                << " has no POST operation with a JSON body to verify\n";
            return exit_usage;
        }
        const std::vector<hs::suite> suites = load_suites(options, contract, *operation, profile);
        std::unique_ptr<builtin_mock_target> mock;
        std::string target_name;
        std::string under_load;
        const harness::target::target_spec target =
            verify_target(options, suites, contract, profile, mock, target_name, under_load);
        const probe_result probe = probe_target(target);
        if (const auto& reason = probe.refused) {
            const bool certificate = reason->find("certificate") != std::string::npos;
            const bool protocol = reason->find("HTTP/2") != std::string::npos; // reachable, wrong protocol
            err << "error: "
                << (certificate ? "the target's certificate was refused: "
                    : protocol  ? ""
                                : "target unreachable: ")
                << *reason
                << (certificate ? " (give --cacert CA.pem when a private CA signed it, or --insecure to skip "
                                  "the check)"
                                : "")
                << "\n";
            return exit_usage;
        }
        result::verify_result run;
        run.target = target_name;
        run.protocol = probe.protocol;
        run.base_url = target.url.to_string();
        while (!run.base_url.empty() && run.base_url.back() == '/') {
            run.base_url.pop_back();
        }
        run.contract = contract.source_name();
        run.profile = profile.name + " (" + profile.source + ")";
        run.started_at = result::iso8601_utc(std::time(nullptr));
        hs::run_context context{contract, *operation, profile, target, {}, nullptr, 0, {}, {}, {}};
        context.http2_refused = probe.protocol == "HTTP/2" ? "" : http2_refusal(target);
        const auto store = checks::make_store_oracle(target.store_url, target.store_count_pointer,
                                                     target.admin_url, target.client);
        context.store = store.get();
        std::unique_ptr<load::background_load> background =
            start_background_load(under_load, target, *operation, profile);
        run.under_load_rate = background ? load::parse_background_spec(under_load).rate : 0;
        if (background && target.load_conversation.empty()) {
            context.busy_conversation = target.conversation;
        }
        const std::string not_tested = run_cases(suites, latency_suite_wanted(options, profile), context,
                                                 options.max_time_seconds, background.get(), run, out);
        if (background) {
            run.under_load = result::summarize_background_load(background->stop());
            rerun_without_load(suites, context, run);
            reports::write_console_under_load(run, out);
        }
        run.coverage = result::tally_coverage(hc::derive_coverage_model(contract, *operation, profile), run);
        reports::write_console_coverage(run, out);
        reports::write_console_totals(run, out);
        if (!write_outputs(run, options, out, err)) {
            return exit_usage;
        }
        if (!not_tested.empty()) {
            err << "error: " << not_tested << "\n";
            return exit_usage;
        }
        if (auto hint = same_refusal_hint(run)) {
            err << "hint: " << *hint << "\n";
        }
        if (run.under_load && run.under_load->intended > 0 && run.under_load->answered == 0) {
            err << "error: the background load got no answer, so the run was not under load: "
                << run.under_load->first_failure << "\n";
            return exit_usage;
        }
        if (run.under_load && run.under_load->error_ratio > 0.01) {
            err << "error: the target failed " << 100.0 * run.under_load->error_ratio
                << "% of the background load's valid sends (over 1%)\n";
            return exit_check_failed;
        }
        if (!run.passed()) {
            return exit_check_failed;
        }
        if (const double percent = run.count_coverage().percent(); percent < options.min_coverage) {
            err << "error: coverage " << percent << "% is below --min-coverage " << options.min_coverage
                << "%: the items listed as not covered say what they need\n";
            return exit_usage;
        }
        return exit_ok;
    } catch (const std::exception& e) {
        // Contract and scenario errors (file:line), bad arguments and setup failures all end here.
        err << "error: " << e.what() << "\n";
    }
    return exit_usage;
}

} // namespace harness::cli
