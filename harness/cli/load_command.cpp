#include "load_command.hpp"

#include <csignal>
#include <cstdio>
#include <thread>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <unistd.h>

#include "builtin_mock_target.hpp"
#include "exit_codes.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/load/live_metrics.hpp"
#include "harness/load/load_run.hpp"
#include "reports/html_writer.hpp"
#include "reports/junit_writer.hpp"
#include "harness/result/load_result_io.hpp"
#include "reports/comparison_writer.hpp"
#include "reports/hlog_report.hpp"
#include "reports/load_console_writer.hpp"
#include "reports/markdown_writer.hpp"

namespace harness::cli {

namespace {

namespace hl = harness::load;

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) {
    interrupted.store(true);
}

} // namespace

int run_load_command(const load_options& options, std::ostream& out, std::ostream& err) {
    try {
        const contract::contract contract =
            options.contract_path.empty() ? contract::contract::builtin() : contract::contract::load(options.contract_path);
        const contract::profile profile =
            options.profile_path.empty() ? contract::profile::builtin() : contract::profile::load(options.profile_path);
        const contract::operation* operation = contract.served_operation();
        if (operation == nullptr) {
            err << "error: " << contract.source_name() << " has no POST operation with a JSON body\n";
            return exit_usage;
        }
        std::vector<harness::result::threshold> thresholds;
        for (const std::string& text : options.thresholds) {
            thresholds.push_back(harness::result::parse_threshold(text));
        }
        hl::load_plan plan;
        plan.threads = options.threads;
        plan.connections = std::max(options.connections, options.threads);
        plan.warmup_seconds = hl::parse_duration(options.warmup);
        plan.max_lag_seconds = hl::parse_duration(options.max_lag);
        plan.resend_ratio = options.resend_percent / 100.0;
        plan.validate_every = options.validate_sample;
        plan.operation = operation;
        plan.profile = &profile;
        const double duration = hl::parse_duration(options.duration);
        double share = 1.0;
        if (!options.shard.empty()) {
            int index = -1;
            int count = 0;
            if (std::sscanf(options.shard.c_str(), "%d/%d", &index, &count) != 2 || count < 1 || index < 0 ||
                index >= count || count > 255) {
                err << "error: --shard '" << options.shard << "' must be I/N with 0 <= I < N <= 255\n";
                return exit_usage;
            }
            plan.shard_index = index;
            plan.shard_count = count;
            share = 1.0 / count;
        }
        if (!options.stages.empty()) {
            if (options.rate_given) {
                err << "error: give --rate or --stages, not both\n";
                return exit_usage;
            }
            std::vector<hl::stage> stages = hl::parse_stages(options.stages);
            for (hl::stage& s : stages) {
                s.target_rate *= share;
            }
            plan.schedule.emplace(stages);
        } else if (options.connections_given && !options.rate_given) {
            plan.closed_loop_seconds = duration;
        } else {
            const double rate = options.rate_given ? options.rate : 1000.0;
            if (rate <= 0) {
                err << "error: --rate must be above 0\n";
                return exit_usage;
            }
            plan.schedule.emplace(rate * share, duration);
        }
        if (plan.duration() <= plan.warmup_seconds) {
            err << "error: the run (" << plan.duration() << " s) must be longer than the warmup (" << plan.warmup_seconds
                << " s)\n";
            return exit_usage;
        }

        std::unique_ptr<builtin_mock_target> mock;
        harness::target::target_spec target;
        std::string target_name;
        harness::target::target_description description = options.target;
        if (!options.target_file.empty()) {
            description = harness::target::merge_target_file(options.target_file, description);
        }
        if (description.url.empty()) {
            mock = std::make_unique<builtin_mock_target>(contract, profile, options.mock_faults, 1);
            target = mock->target();
            target_name = "built-in mock at " + mock->url();
        } else {
            if (!options.mock_faults.empty()) {
                err << "error: --mock-fault applies to the built-in mock only (no --target)\n";
                return exit_usage;
            }
            target = harness::target::resolve_target(description);
            target_name = target.url.to_string();
        }
        plan.target = &target;
        plan.timeout = std::chrono::milliseconds(description.response_timeout_ms);
        plan.max_body_bytes = 1 << 20;

        std::unique_ptr<hl::live_metrics> metrics;
        std::unique_ptr<hl::metrics_server> metrics_endpoint;
        if (!options.metrics_addr.empty()) {
            metrics = std::make_unique<hl::live_metrics>(plan.threads);
            metrics_endpoint = std::make_unique<hl::metrics_server>(options.metrics_addr, *metrics);
            plan.metrics = metrics.get();
            err << "metrics on " << metrics_endpoint->url() << std::endl;
        }
        if (options.start_at_ms > 0) {
            // Shards on several machines start on the same wall-clock millisecond (clocks kept by NTP).
            const auto start = std::chrono::system_clock::time_point(std::chrono::milliseconds(options.start_at_ms));
            if (start < std::chrono::system_clock::now()) {
                err << "warning: --start-at is in the past; starting now\n";
            } else if (start - std::chrono::system_clock::now() > std::chrono::hours(1)) {
                err << "error: --start-at is more than an hour away\n";
                return exit_usage;
            } else {
                std::this_thread::sleep_until(start);
            }
        }
        interrupted.store(false);
        std::signal(SIGINT, on_interrupt);
        std::signal(SIGTERM, on_interrupt);
        hl::progress_settings progress;
        if (options.progress) {
            progress.out = &err;
            progress.terminal = ::isatty(STDERR_FILENO) != 0;
        }
        harness::result::load_result result = hl::run_load(plan, progress, interrupted);
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        result.target = target_name;
        result.contract = contract.source_name();
        result.profile = profile.name + " (" + profile.source + ")";
        result.shard_index = plan.shard_index;
        result.shard_count = plan.shard_count;
        harness::result::evaluate_thresholds(result, thresholds);
        harness::reports::write_console(result, out);
        if (!options.json_file.empty()) {
            std::ofstream file(options.json_file);
            file << harness::result::to_json(result) << "\n";
            if (!file) {
                err << "error: cannot write " << options.json_file << "\n";
                return exit_usage;
            }
        }
        if (!options.hlog_file.empty()) {
            std::ofstream file(options.hlog_file);
            harness::reports::write_hlog(result, file);
            if (!file) {
                err << "error: cannot write " << options.hlog_file << "\n";
                return exit_usage;
            }
        }
        if (!options.report_dir.empty()) {
            std::error_code dir_error;
            std::filesystem::create_directories(options.report_dir, dir_error);
            const std::filesystem::path dir(options.report_dir);
            std::ofstream(dir / "load.json") << harness::result::to_json(result) << "\n";
            std::ofstream hlog(dir / "load.hlog");
            harness::reports::write_hlog(result, hlog);
            std::ofstream junit(dir / "load.junit.xml");
            reports::write_junit(result, junit);
            std::ofstream markdown(dir / "load.md");
            reports::write_markdown(result, markdown);
            std::ofstream page(dir / "load.html");
            reports::write_html({}, {result}, page);
            if (!page || !markdown || !junit || !hlog) {
                err << "error: cannot write the reports in " << options.report_dir << "\n";
                return exit_usage;
            }
            out << "reports in " << options.report_dir << "\n";
        }
        if (!options.json_file.empty() || !options.hlog_file.empty()) {
            out << "wrote";
            for (const std::string* file : {&options.json_file, &options.hlog_file}) {
                if (!file->empty()) {
                    out << " " << *file;
                }
            }
            out << "\n";
        }
        return result.passed() ? exit_ok : exit_check_failed;
    } catch (const std::exception& e) {
        // Contract and scenario errors (file:line), bad arguments and setup failures all end here.
        err << "error: " << e.what() << "\n";
    }
    return exit_usage;
}

} // namespace harness::cli
