#include "load_command.hpp"

#include "builtin_mock_target.hpp"
#include "exit_codes.hpp"
#include "harness/checks/http_store_oracle.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/load/live_metrics.hpp"
#include "harness/load/load_run.hpp"
#include "harness/metrics/metrics_server.hpp"
#include "harness/result/load_result_io.hpp"
#include "output_file.hpp"
#include "reports/hlog_report.hpp"
#include "reports/html_writer.hpp"
#include "reports/junit_writer.hpp"
#include "reports/load_console_writer.hpp"
#include "reports/markdown_writer.hpp"
#include "reports/progress_line.hpp"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>
#include <unistd.h>

namespace harness::cli {

namespace {

namespace hl = harness::load;

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) {
    interrupted.store(true);
}

// The target to load: the built-in mock (kept alive by `mock`) or the one the flags and target file describe.
harness::target::target_spec load_target(const load_options& options, const contract::contract& contract,
                                         const contract::profile& profile,
                                         std::unique_ptr<builtin_mock_target>& mock, std::string& name,
                                         long& response_timeout_ms, std::string& mix) {
    harness::target::target_description description = options.target;
    if (!options.target_file.empty()) {
        description = harness::target::merge_target_file(options.target_file, description);
    }
    response_timeout_ms = description.response_timeout_ms;
    mix = description.mix;
    return choose_target(description, contract, profile, options.mock_faults, 1, mock, name);
}

// Shards on several machines start on the same wall-clock millisecond (clocks kept by NTP).
void wait_for_start(long long start_at_ms, std::ostream& err) {
    if (start_at_ms <= 0) {
        return;
    }
    const auto start = std::chrono::system_clock::time_point(std::chrono::milliseconds(start_at_ms));
    if (start < std::chrono::system_clock::now()) {
        err << "warning: --start-at is in the past; starting now\n";
    } else if (start - std::chrono::system_clock::now() > std::chrono::hours(1)) {
        throw std::invalid_argument("--start-at is more than an hour away");
    } else {
        std::this_thread::sleep_until(start);
    }
}

// Several streams per connection are HTTP/2's: refused before the run when the flags rule HTTP/2 out (a
// server that picks HTTP/1.1 by ALPN is refused when the connections open).
void require_http2_for_streams(const hl::load_plan& plan, const harness::target::target_spec& target) {
    if (plan.streams <= 1) {
        return;
    }
    const std::string asked = "--streams " + std::to_string(plan.streams);
    if (target.client.http == harness::http::http_version::http1) {
        throw std::invalid_argument(asked +
                                    " needs HTTP/2, but --http 1.1 asks for HTTP/1.1 (one request at a "
                                    "time per connection): use --http 2 or auto, or --connections");
    }
    if (!target.url.tls && target.client.http != harness::http::http_version::http2) {
        throw std::invalid_argument(asked +
                                    " needs HTTP/2: on an http:// target add --http 2 (h2c with prior "
                                    "knowledge); on https:// the server chooses h2 by ALPN");
    }
}

// Runs the plan; SIGINT and SIGTERM end it early (the result says interrupted).
harness::result::load_result run_interruptible(const hl::load_plan& plan, const load_options& options,
                                               std::ostream& err) {
    interrupted.store(false);
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    hl::progress_settings progress;
    if (options.progress) {
        const bool terminal = ::isatty(STDERR_FILENO) != 0;
        progress.show = reports::progress_printer(err, terminal);
        progress.every_seconds = options.progress_interval > 0 ? options.progress_interval
                                 : terminal                    ? 1.0
                                                               : 5.0;
    }
    harness::result::load_result result = hl::run_load(plan, progress, interrupted);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    return result;
}

bool write_outputs(const harness::result::load_result& result, const load_options& options, std::ostream& out,
                   std::ostream& err) {
    namespace hr = harness::result;
    const auto json = [&](std::ostream& o) {
        o << hr::to_json(result) << "\n";
    };
    const auto hlog = [&](std::ostream& o) {
        reports::write_hlog(result, o);
    };
    if (!options.json_file.empty() && !write_output_file(options.json_file, "the JSON result", err, json)) {
        return false;
    }
    if (!options.hlog_file.empty() && !write_output_file(options.hlog_file, "the .hlog", err, hlog)) {
        return false;
    }
    if (!options.report_dir.empty()) {
        std::error_code dir_error;
        std::filesystem::create_directories(options.report_dir, dir_error);
        const std::filesystem::path dir(options.report_dir);
        const bool written =
            write_output_file(dir / "load.json", "the JSON result", err, json) &&
            write_output_file(dir / "load.hlog", "the .hlog", err, hlog) &&
            write_output_file(dir / "load.junit.xml", "JUnit XML", err,
                              [&](std::ostream& o) { reports::write_junit(result, o); }) &&
            write_output_file(dir / "load.md", "Markdown", err,
                              [&](std::ostream& o) { reports::write_markdown(result, o); }) &&
            write_output_file(dir / "load.html", "HTML", err,
                              [&](std::ostream& o) { reports::write_html({}, {result}, o); });
        if (!written) {
            return false;
        }
        out << "reports in " << options.report_dir << "\n";
    }
    if (options.json_file.empty() && options.hlog_file.empty() && options.report_dir.empty()) {
        out << "(results not kept: --json FILE, --hlog FILE or --report-dir DIR write them)\n";
    }
    if (!options.json_file.empty() || !options.hlog_file.empty()) {
        out << "wrote";
        for (const std::string* file : {&options.json_file, &options.hlog_file}) {
            out << (file->empty() ? "" : " " + *file);
        }
        out << "\n";
    }
    return true;
}

// Derived from everything that happened: a run that answered nothing did not test the target (exit 2, with
// the first reason seen); an interrupted run is its own verdict; otherwise the thresholds decide.
int load_exit_code(const harness::result::load_result& result, std::ostream& err) {
    if (result.stats.intended == 0 && !result.interrupted) {
        err << "error: no request was measured, so the target was not tested (the run ended before its first "
               "request completed after the warmup)\n";
        return exit_usage;
    }
    if (result.stats.intended > 0 && result.stats.count(harness::result::request_fate::answered) == 0) {
        err << "error: the target answered nothing, so it was not tested: "
            << (result.stats.first_failure.empty() ? "every request was too late to send"
                                                   : result.stats.first_failure)
            << "\n";
        return exit_usage;
    }
    if (result.interrupted) {
        err << "interrupted: the results cover the run until it was stopped\n";
        return exit_interrupted;
    }
    return result.passed() ? exit_ok : exit_check_failed;
}

} // namespace

int run_load_command(const load_options& options, std::ostream& out, std::ostream& err) {
    try {
        const contract::contract contract = options.contract_path.empty()
                                                ? contract::contract::builtin()
                                                : contract::contract::load(options.contract_path);
        const contract::profile profile = options.profile_path.empty()
                                              ? contract::profile::builtin()
                                              : contract::profile::load(options.profile_path);
        const contract::operation* operation = contract.served_operation();
        if (operation == nullptr) {
            err << "error: " << contract.source_name() << " has no POST operation with a JSON body\n";
            return exit_usage;
        }
        std::vector<harness::result::threshold> thresholds;
        for (const std::string& text : options.thresholds) {
            thresholds.push_back(harness::result::parse_threshold(text));
        }
        if (thresholds.empty() && options.default_thresholds) {
            thresholds = harness::result::default_thresholds();
        }
        // Where the results go is checked before the run: a run is never lost after the fact.
        for (const auto& [file, what] :
             {std::pair{&options.json_file, "the JSON result"}, std::pair{&options.hlog_file, "the .hlog"}}) {
            if (!file->empty() && !output_path_usable(*file, what, err)) {
                return exit_usage;
            }
        }
        hl::load_plan plan = hl::build_load_plan(options.plan);
        std::unique_ptr<builtin_mock_target> mock;
        std::string target_name;
        long response_timeout_ms = 0;
        std::string mix;
        const harness::target::target_spec target =
            load_target(options, contract, profile, mock, target_name, response_timeout_ms, mix);
        if (!mix.empty()) {
            if (plan.resend_ratio > 0) {
                throw std::invalid_argument(
                    "--mix and --resend-ratio: give resends as a kind of the mix (resend=10)");
            }
            plan.mix = hl::workload_mix::parse(mix, target, profile);
        }
        require_http2_for_streams(plan, target);
        plan.target = &target;
        plan.operation = operation;
        plan.profile = &profile;
        plan.expected_status = profile.success_status;
        plan.timeout = std::chrono::milliseconds(response_timeout_ms);
        // With a store oracle (the built-in mock's admin API, --admin-url or --store-url), the run also
        // counts what the target stored: exactly the accepted new messages.
        const auto store = checks::make_store_oracle(target.store_url, target.store_count_pointer,
                                                     target.admin_url, target.client);
        plan.store = store.get();

        std::unique_ptr<hl::live_metrics> metrics;
        std::unique_ptr<harness::metrics::metrics_server> metrics_endpoint;
        if (!options.metrics_addr.empty()) {
            metrics = std::make_unique<hl::live_metrics>(plan.threads);
            metrics_endpoint = std::make_unique<harness::metrics::metrics_server>(
                options.metrics_addr, [&live = *metrics] { return live.exposition(); });
            plan.metrics = metrics.get();
            err << "metrics on " << metrics_endpoint->url() << std::endl;
        }
        wait_for_start(options.start_at_ms, err);
        harness::result::load_result result = run_interruptible(plan, options, err);
        result.target = target_name;
        result.contract = contract.source_name();
        result.profile = profile.name + " (" + profile.source + ")";
        result.shard_index = plan.shard_index;
        result.shard_count = plan.shard_count;
        result.mix = plan.mix ? plan.mix->to_string() : "";
        harness::result::evaluate_thresholds(result, thresholds);
        reports::write_console(result, out);
        if (!write_outputs(result, options, out, err)) {
            return exit_usage;
        }
        return load_exit_code(result, err);
    } catch (const std::exception& e) {
        // Contract and scenario errors (file:line), bad arguments and setup failures all end here.
        err << "error: " << e.what() << "\n";
    }
    return exit_usage;
}

} // namespace harness::cli
