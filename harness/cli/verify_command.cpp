#include "verify_command.hpp"

#include "builtin_mock_target.hpp"
#include "exit_codes.hpp"
#include "harness/checks/admin_store_oracle.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/result/time_text.hpp"
#include "harness/result/verify_result.hpp"
#include "harness/scenario/builtin_suites.hpp"
#include "harness/scenario/runner.hpp"
#include "harness/scenario/scenario_loader.hpp"
#include "output_file.hpp"
#include "reports/console_writer.hpp"
#include "reports/html_writer.hpp"
#include "reports/junit_writer.hpp"
#include "reports/markdown_writer.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace harness::cli {

namespace {

namespace hc = harness::contract;
namespace hs = harness::scenario;

// An unreachable target is a setup error (exit 2), not a failed check.
std::optional<std::string> unreachable(const harness::target::target_spec& target) {
    http::http_client probe(target.url, target.client);
    http::http_request request;
    request.method = "GET";
    request.target = "/";
    const http::exchange e = probe.send(request);
    if (e.outcome == http::outcome_kind::connect || e.outcome == http::outcome_kind::tls) {
        return e.error;
    }
    return std::nullopt;
}

// The suites to run: the built-in ones named (all by default; "none" for none) and the scenario files.
std::vector<hs::suite> load_suites(const verify_options& options, const hc::contract& contract,
                                   const hc::operation& operation, const hc::profile& profile) {
    std::vector<hs::suite> suites;
    for (const std::string& name : options.suites.empty() ? hs::builtin_suite_names() : options.suites) {
        if (name != "none") {
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
harness::target::target_spec verify_target(const verify_options& options, const hc::contract& contract,
                                           const hc::profile& profile,
                                           std::unique_ptr<builtin_mock_target>& mock, std::string& name) {
    harness::target::target_description description = options.target;
    if (!options.target_file.empty()) {
        description = harness::target::merge_target_file(options.target_file, description);
    }
    if (description.url.empty()) {
        if (!options.target_file.empty()) {
            throw std::invalid_argument(options.target_file + " gives no url");
        }
        mock = std::make_unique<builtin_mock_target>(contract, profile, options.mock_faults, 2);
        name = "built-in mock at " + mock->url();
        return mock->target();
    }
    if (!options.mock_faults.empty()) {
        throw std::invalid_argument("--mock-fault applies to the built-in mock only (no --target)");
    }
    harness::target::target_spec target = harness::target::resolve_target(description);
    name = target.url.to_string();
    return target;
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
        const harness::target::target_spec target =
            verify_target(options, contract, profile, mock, target_name);
        if (auto reason = unreachable(target)) {
            err << "error: target unreachable: " << *reason << "\n";
            return exit_usage;
        }
        result::verify_result run;
        run.target = target_name;
        run.contract = contract.source_name();
        run.profile = profile.name + " (" + profile.source + ")";
        run.started_at = result::iso8601_utc(std::time(nullptr));
        const auto started = std::chrono::steady_clock::now();
        hs::run_context context{contract, *operation, profile, target, {}};
        const auto store = checks::make_admin_store_oracle(target.admin_url, target.client);
        context.store = store.get();
        for (const hs::suite& s : suites) {
            for (const hs::scenario_case& c : s.cases) {
                run.cases.push_back(hs::run_case(s, c, context));
            }
        }
        run.duration_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        reports::write_console(run, out);
        if (!write_outputs(run, options, out, err)) {
            return exit_usage;
        }
        return run.passed() ? exit_ok : exit_check_failed;
    } catch (const std::exception& e) {
        // Contract and scenario errors (file:line), bad arguments and setup failures all end here.
        err << "error: " << e.what() << "\n";
    }
    return exit_usage;
}

} // namespace harness::cli
