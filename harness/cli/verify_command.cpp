#include "verify_command.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "builtin_mock_target.hpp"
#include "exit_codes.hpp"
#include "harness/checks/admin_store_oracle.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/result/verify_result.hpp"
#include "harness/scenario/builtin_suites.hpp"
#include "harness/scenario/runner.hpp"
#include "harness/scenario/scenario_loader.hpp"
#include "reports/console_writer.hpp"
#include "reports/html_writer.hpp"
#include "reports/junit_writer.hpp"
#include "reports/markdown_writer.hpp"

namespace harness::cli {

namespace {

namespace hc = harness::contract;
namespace hs = harness::scenario;

std::string now_iso8601() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

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

bool write_file(const std::string& path, const std::string& what, std::ostream& err,
                const std::function<void(std::ostream&)>& write) {
    std::ofstream file(path, std::ios::binary);
    if (!file) {
        err << "error: cannot write " << what << " to " << path << "\n";
        return false;
    }
    write(file);
    return static_cast<bool>(file);
}

} // namespace

int run_verify(const verify_options& options, std::ostream& out, std::ostream& err) {
    std::optional<hc::contract> contract;
    std::optional<hc::profile> profile;
    std::vector<hs::suite> suites;
    std::unique_ptr<builtin_mock_target> mock;
    harness::target::target_spec target;
    std::string target_name;
    try {
        contract = options.contract_path.empty() ? hc::contract::builtin() : hc::contract::load(options.contract_path);
        profile = options.profile_path.empty() ? hc::profile::builtin() : hc::profile::load(options.profile_path);
        const hc::operation* operation = contract->served_operation();
        if (operation == nullptr) {
            err << "error: " << contract->source_name() << " has no POST operation with a JSON body to verify\n";
            return exit_usage;
        }
        for (const std::string& name : options.suites.empty() ? hs::builtin_suite_names() : options.suites) {
            if (name == "none") {
                continue;
            }
            suites.push_back(hs::builtin_suite(name, *contract, *operation, *profile));
        }
        for (const std::string& file : options.scenario_files) {
            suites.push_back(hs::load_suite(file));
        }
        harness::target::target_description description = options.target;
        if (!options.target_file.empty()) {
            description = harness::target::merge_target_file(options.target_file, description);
        }
        if (description.url.empty()) {
            if (!options.target_file.empty()) {
                err << "error: " << options.target_file << " gives no url\n";
                return exit_usage;
            }
            mock = std::make_unique<builtin_mock_target>(*contract, *profile, options.mock_faults, 2);
            target = mock->target();
            target_name = "built-in mock at " + target.url.to_string();
        } else {
            if (!options.mock_faults.empty()) {
                err << "error: --mock-fault applies to the built-in mock only (no --target)\n";
                return exit_usage;
            }
            target = harness::target::resolve_target(description);
            target_name = target.url.to_string();
        }
        if (auto reason = unreachable(target)) {
            err << "error: target unreachable: " << *reason << "\n";
            return exit_usage;
        }
        result::verify_result run;
        run.target = target_name;
        run.contract = contract->source_name();
        run.profile = profile->name + " (" + profile->source + ")";
        run.started_at = now_iso8601();
        const auto started = std::chrono::steady_clock::now();
        hs::run_context context{*contract, *operation, *profile, target, {}};
        const auto store = checks::make_admin_store_oracle(target.admin_url, target.client);
        context.store = store.get();
        for (const hs::suite& s : suites) {
            for (const hs::scenario_case& c : s.cases) {
                run.cases.push_back(hs::run_case(s, c, context));
            }
        }
        run.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        reports::write_console(run, out);
        if (!options.junit_file.empty() &&
            !write_file(options.junit_file, "JUnit XML", err, [&](std::ostream& o) { reports::write_junit(run, o); })) {
            return exit_usage;
        }
        if (!options.json_file.empty() &&
            !write_file(options.json_file, "the JSON result", err, [&](std::ostream& o) { o << result::to_json(run); })) {
            return exit_usage;
        }
        if (!options.report_dir.empty()) {
            std::error_code dir_error;
            std::filesystem::create_directories(options.report_dir, dir_error);
            const std::filesystem::path dir(options.report_dir);
            const bool written =
                write_file((dir / "verify.json").string(), "the JSON result", err,
                           [&](std::ostream& o) { o << result::to_json(run); }) &&
                write_file((dir / "verify.junit.xml").string(), "JUnit XML", err,
                           [&](std::ostream& o) { reports::write_junit(run, o); }) &&
                write_file((dir / "verify.md").string(), "Markdown", err,
                           [&](std::ostream& o) { reports::write_markdown(run, o); }) &&
                write_file((dir / "verify.html").string(), "HTML", err,
                           [&](std::ostream& o) { reports::write_html({run}, {}, o); });
            if (!written) {
                return exit_usage;
            }
            out << "reports in " << options.report_dir << "\n";
        }
        return run.passed() ? exit_ok : exit_check_failed;
    } catch (const std::exception& e) {
        // Contract and scenario errors (file:line), bad arguments and setup failures all end here.
        err << "error: " << e.what() << "\n";
    }
    return exit_usage;
}

} // namespace harness::cli
