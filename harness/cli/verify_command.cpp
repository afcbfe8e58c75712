#include "verify_command.hpp"

#include "builtin_mock_target.hpp"
#include "harness/contract/loaded_contract.hpp"
#include "harness/explore/examples_file.hpp"
#include "harness/json/output_file.hpp"
#include "harness/scenario/builtin_suites.hpp"
#include "harness/scenario/request_builder.hpp"
#include "harness/scenario/scenario_loader.hpp"
#include "harness/verify/refusal_hint.hpp"
#include "harness/verify/verify_run.hpp"
#include "interrupt_guard.hpp"
#include "judged_run.hpp"
#include "number_checks.hpp"
#include "reports/console_writer.hpp"
#include "reports/coverage_writer.hpp"
#include "reports/html_writer.hpp"
#include "reports/junit_writer.hpp"
#include "reports/markdown_writer.hpp"
#include "target_flags.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

namespace harness::cli {

namespace {

namespace hc = harness::contract;
namespace hs = harness::scenario;

struct verify_options {
    harness::target::target_description target;
    std::string target_file;
    std::vector<std::string> suites;         // built-in suite names; empty = all
    std::vector<std::string> scenario_files; // extra suites from files
    std::string junit_file;
    bool junit_per_check = false; // the JUnit shape before issue 29: a testcase per check, not per case
    std::string json_file;
    std::string report_dir; // every format at once: verify.json, .junit.xml, .md, .html
    std::string contract_path;
    std::string profile_path;
    std::vector<std::string> mock_faults; // for the built-in mock only
    double max_time_seconds = 0;
    double min_coverage = -1;
    std::uint64_t run_id = 0;
    double explore_seconds = 2;                                     // the explore suite's budget (0: off)
    std::filesystem::path examples_file = ".harness/examples.json"; // failing sequences kept between runs
    std::uint64_t seed = 0; // the values suite's sample (default: a new one per run)
};

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
std::vector<hs::suite> load_suites(const verify_options& options, const hc::loaded_contract& loaded) {
    std::vector<hs::suite> suites;
    for (const std::string& name : options.suites.empty() ? hs::builtin_suite_names() : options.suites) {
        if (name != "none" && name != "latency" && name != "explore") {
            suites.push_back(
                hs::builtin_suite(name, loaded.document, loaded.served(), loaded.rules, options.seed));
        }
    }
    for (const std::string& file : options.scenario_files) {
        suites.push_back(hs::load_suite(file));
    }
    return suites;
}

// Every step names its own path (raw_path, or a value for every path parameter, as a repro bundle's do): no
// --project or --conversation is needed then.
bool every_step_names_its_path(const std::vector<hs::suite>& suites, const hc::operation& operation) {
    const std::vector<std::string> parameters = operation.path.parameter_names();
    const auto names_its_path = [&](const hs::step& st) {
        return !st.request.raw_path.empty() ||
               std::all_of(parameters.begin(), parameters.end(),
                           [&](const std::string& p) { return st.request.path.contains(p); });
    };
    return !suites.empty() && std::all_of(suites.begin(), suites.end(), [&](const hs::suite& s) {
        return std::all_of(s.cases.begin(), s.cases.end(), [&](const hs::scenario_case& c) {
            return std::all_of(c.steps.begin(), c.steps.end(), names_its_path);
        });
    });
}

// The explore suite's plan, when it runs (by default, or named): the examples kept are read now, so a broken
// examples file is bad input (file, line, JSON pointer) before anything is sent.
std::optional<harness::explore::explore_plan> explore_plan_of(const verify_options& options) {
    const bool named =
        std::find(options.suites.begin(), options.suites.end(), "explore") != options.suites.end();
    if (!(named || options.suites.empty()) || options.explore_seconds <= 0) {
        return std::nullopt;
    }
    harness::explore::explore_plan plan;
    plan.seed = options.seed;
    plan.budget_seconds = options.explore_seconds;
    plan.examples_file = options.examples_file;
    if (!options.examples_file.empty()) {
        plan.examples = harness::explore::read_examples(options.examples_file);
        plan.scenario_dir = options.examples_file.parent_path().empty() ? std::filesystem::path(".")
                                                                        : options.examples_file.parent_path();
    }
    return plan;
}

// The plan: suites, and the target (the built-in mock, kept alive by `mock`, or the one the flags and the
// target file describe).
verify::verify_plan build_plan(const verify_options& options, const hc::loaded_contract& loaded,
                               std::unique_ptr<builtin_mock_target>& mock) {
    verify::verify_plan plan;
    plan.contract = &loaded.document;
    plan.operation = &loaded.served();
    plan.profile = &loaded.rules;
    plan.suites = load_suites(options, loaded);
    plan.latency_suite = latency_suite_wanted(options, loaded.rules);
    plan.explore = explore_plan_of(options);
    plan.max_time_seconds = options.max_time_seconds;
    plan.run_id = options.run_id;
    if (plan.explore || std::any_of(plan.suites.begin(), plan.suites.end(),
                                    [](const hs::suite& s) { return s.name == "values"; })) {
        plan.values_seed = options.seed; // printed and kept: it draws the values and the explored sequences
    }
    plan.min_coverage = options.min_coverage;
    harness::target::target_description description = options.target;
    description.fixed_paths = every_step_names_its_path(plan.suites, loaded.served());
    description.credentials =
        hs::credentials_used(plan.suites); // only those are read: a target file lists all
    if (!options.target_file.empty()) {
        description = harness::target::merge_target_file(options.target_file, description);
    }
    plan.under_load = description.under_load;
    plan.target = choose_target(description, options.target_file, loaded.document, loaded.rules,
                                options.mock_faults, 2, mock, plan.target_name);
    if (plan.explore) {
        plan.explore->can = harness::explore::capabilities_of(plan.target, loaded.rules);
    }
    return plan;
}

// JSON, JUnit and the --report-dir set; why one could not be written, or nothing.
std::optional<std::string> write_outputs(const result::verify_result& run, const verify_options& options,
                                         std::ostream& out) {
    const json::file_content junit = [&](std::ostream& o) {
        reports::write_junit(run, o,
                             options.junit_per_check ? reports::junit_shape::per_check
                                                     : reports::junit_shape::per_case);
    };
    const json::file_content json = [&](std::ostream& o) {
        o << result::to_json(run);
    };
    std::vector<std::tuple<std::filesystem::path, std::string, json::file_content>> files;
    if (!options.junit_file.empty()) {
        files.emplace_back(options.junit_file, "JUnit XML", junit);
    }
    if (!options.json_file.empty()) {
        files.emplace_back(options.json_file, "the JSON result", json);
    }
    const std::filesystem::path dir(options.report_dir);
    if (!options.report_dir.empty()) {
        std::error_code dir_error;
        std::filesystem::create_directories(dir, dir_error);
        files.emplace_back(dir / "verify.json", "the JSON result", json);
        files.emplace_back(dir / "verify.junit.xml", "JUnit XML", junit);
        files.emplace_back(dir / "verify.md", "Markdown",
                           [&](std::ostream& o) { reports::write_markdown(run, o); });
        files.emplace_back(dir / "verify.html", "HTML",
                           [&](std::ostream& o) { reports::write_html({run}, {}, o); });
    }
    for (const auto& [path, what, write] : files) {
        if (auto problem = json::write_output_file(path, what, write)) {
            return problem;
        }
    }
    if (!options.report_dir.empty()) {
        out << "reports in " << options.report_dir << "\n";
    }
    return std::nullopt;
}

// Each case printed as it ends and flushed, so a CI log shows progress even if the job is killed.
verify::verify_observer console_observer(std::ostream& out, bool& started) {
    verify::verify_observer observer;
    observer.started = [&out, &started](const result::verify_result& run) {
        started = true;
        reports::write_console_header(run, out);
        out.flush();
    };
    observer.case_done = [&out](const result::case_outcome& c, const std::string& previous_suite,
                                const std::string& base_url) {
        reports::write_console_case(c, previous_suite, out, base_url);
        out.flush();
    };
    observer.under_load_done = [&out](const result::verify_result& run) {
        reports::write_console_under_load(run, out);
    };
    return observer;
}

result::run_verdict run_verify(const verify_options& options, std::ostream& out, std::ostream& err) {
    const hc::loaded_contract loaded =
        hc::load_contract_and_profile(options.contract_path, options.profile_path);
    std::unique_ptr<builtin_mock_target> mock;
    verify::verify_plan plan = build_plan(options, loaded, mock);
    bool started = false;
    const result::verify_result run = [&] {
        interrupt_guard guard; // Ctrl-C: the cases run so far are written, the verdict says interrupted
        plan.interrupted = &guard.flag();
        return verify::run_verify_plan(plan, console_observer(out, started));
    }();
    if (started) {
        reports::write_console_coverage(run, out);
        reports::write_console_totals(run, out);
    }
    if (auto problem = write_outputs(run, options, out)) {
        return result::run_verdict::untested(*problem);
    }
    if (run.verdict.kind == result::verdict_kind::failed) {
        if (auto hint = verify::same_refusal_hint(run)) {
            err << "hint: " << *hint << "\n";
        }
    }
    return run.verdict;
}

void add_flags(CLI::App* verify, verify_options& o) {
    add_target_flags(verify, o.target);
    add_verify_target_flags(verify, o.target);
    verify->add_option("--target-file", o.target_file, "the target description as YAML (docs/scenarios.md)")
        ->check(CLI::ExistingFile);
    verify
        ->add_option("--suite", o.suites,
                     "conformance, validation, values, routing, auth, idempotency, protocols, explore or "
                     "latency; repeatable; default all; 'none' runs only --scenario files")
        ->check(CLI::IsMember({"conformance", "validation", "values", "routing", "auth", "idempotency",
                               "protocols", "explore", "latency", "none"}));
    verify->add_option("--scenario", o.scenario_files, "an extra scenario file (YAML); repeatable")
        ->check(CLI::ExistingFile);
    verify->add_option(
        "--under-load", o.target.under_load,
        "RATE[:DURATION]: valid sends at RATE/s in the background while every case runs (docs/scenarios.md)");
    verify->add_option(
        "--load-conversation", o.target.load_conversation,
        "a conversation for --under-load's sends, so stored-message counts of the cases stay exact");
    verify->add_option("--failing-conversation", o.target.failing_conversation,
                       "a conversation the gateway fails on (500), to check its error envelope");
    verify
        ->add_option("--min-coverage", o.min_coverage,
                     "PCT of the coverage model's items that must be covered, else exit 2 (default: no gate)")
        ->check(number_between(0.0, 100.0));
    verify->add_option("--junit", o.junit_file, "write JUnit XML here: a testcase per case");
    verify->add_flag("--junit-per-check", o.junit_per_check,
                     "JUnit (--junit, --report-dir) with a testcase per check of each case, as before");
    verify->add_option("--json", o.json_file, "write the JSON result here");
    verify
        ->add_option("--max-time", o.max_time_seconds,
                     "seconds for the whole run; the cases left are not run and the exit is 2 (0: no limit)")
        ->check(zero_or_more());
    verify->add_option("--report-dir", o.report_dir,
                       "write every format (JSON, JUnit, Markdown, HTML) into this folder");
    add_run_id_flag(verify, o.run_id);
    add_seed_flag(verify, o.seed);
    verify
        ->add_option("--explore-time", o.explore_seconds,
                     "seconds the explore suite draws sequences for (default 2; 0: not run)")
        ->check(CLI::Range(0.0, 3600.0));
    verify->add_option("--examples", o.examples_file,
                       "the file failing sequences are kept in and replayed from first (default "
                       ".harness/examples.json; '' keeps none); their scenario files go beside it");
    add_document_flags(verify, o.contract_path, o.profile_path);
    add_mock_fault_flag(verify, o.mock_faults);
}

} // namespace

void add_verify_command(CLI::App& app, result::run_verdict& verdict) {
    CLI::App* verify = app.add_subcommand(
        "verify",
        "Check that a target keeps the contract: conformance, validation, values, routing, auth, "
        "idempotency, "
        "protocols and latency\n"
        "suites, with a table of what the contract declares and what was covered.\n"
        "Without --target, runs against the built-in mock. Exit 0 all pass, 1 a check failed, 2 setup "
        "error.");
    auto options = std::make_shared<verify_options>();
    add_flags(verify, *options);
    verify->callback([options, &verdict] {
        verdict = judged([&] { return run_verify(*options, std::cout, std::cerr); });
    });
}

} // namespace harness::cli
