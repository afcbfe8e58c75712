#include "load_command.hpp"

#include "builtin_mock_target.hpp"
#include "harness/contract/loaded_contract.hpp"
#include "harness/json/output_file.hpp"
#include "harness/load/live_metrics.hpp"
#include "harness/load/load_session.hpp"
#include "harness/load/plan_builder.hpp"
#include "harness/metrics/metrics_server.hpp"
#include "harness/result/load_result_io.hpp"
#include "harness/result/request_kind.hpp"
#include "interrupt_guard.hpp"
#include "judged_run.hpp"
#include "number_checks.hpp"
#include "reports/hlog_report.hpp"
#include "reports/html_writer.hpp"
#include "reports/junit_writer.hpp"
#include "reports/load_console_writer.hpp"
#include "reports/markdown_writer.hpp"
#include "reports/progress_line.hpp"
#include "target_flags.hpp"

#include <filesystem>
#include <iostream>
#include <memory>
#include <unistd.h>

#include <CLI/CLI.hpp>

namespace harness::cli {

namespace {

namespace hl = harness::load;

struct load_options {
    harness::target::target_description target;
    std::string target_file;
    hl::plan_request plan; // rate or stages or closed loop, duration, warmup, shard, …
    std::vector<std::string> thresholds;
    std::string json_file; // "" : not written (the console summary only)
    std::string hlog_file;
    std::string report_dir; // every format at once: load.json, .hlog, .junit.xml, .md, .html
    std::string contract_path;
    std::string profile_path;
    std::vector<std::string> mock_faults;
    bool progress = true;
    double progress_interval = 0;   // 0: 1 s on a terminal, 5 s otherwise
    bool default_thresholds = true; // without --threshold: errors<=1% and violations==0
    std::string metrics_addr;       // HOST:PORT to serve Prometheus /metrics while running
    long long start_at_ms = 0;      // epoch ms to start at, so shards start together
    std::uint64_t run_id = 0;
};

hl::progress_settings progress_of(const load_options& options, std::ostream& err) {
    hl::progress_settings progress;
    if (options.progress) {
        const bool terminal = ::isatty(STDERR_FILENO) != 0;
        progress.show = reports::progress_printer(err, terminal);
        progress.every_seconds = options.progress_interval > 0 ? options.progress_interval
                                 : terminal                    ? 1.0
                                                               : 5.0;
    }
    return progress;
}

std::vector<result::threshold> thresholds_of(const load_options& options) {
    std::vector<result::threshold> thresholds;
    for (const std::string& text : options.thresholds) {
        thresholds.push_back(result::parse_threshold(text));
    }
    return result::thresholds_with_defaults(std::move(thresholds), options.default_thresholds);
}

// The credentials a mix sends besides the valid token (none without a mix): only those are read, so a target
// file may list every variable. Which kinds it asks for is read from a target that has every credential.
harness::target::credential_use credentials_of_mix(const std::string& mix, const contract::profile& profile) {
    harness::target::credential_use used{false, false, false};
    if (!mix.empty()) {
        harness::target::target_spec every;
        every.expired_token = every.other_project_token = "-";
        const hl::workload_mix kinds = hl::workload_mix::parse(mix, every, profile);
        used.expired_token = kinds.has(result::request_kind::expired_token);
        used.other_project_token = kinds.has(result::request_kind::other_project);
    }
    return used;
}

// The plan: what to send and how fast, to which target (the built-in mock, kept alive by `mock`, or the
// one the flags and target file describe), judged by which thresholds.
hl::load_session_plan build_plan(const load_options& options, const contract::loaded_contract& loaded,
                                 std::unique_ptr<builtin_mock_target>& mock, std::ostream& err) {
    hl::load_session_plan session;
    session.plan = hl::build_load_plan(options.plan);
    session.plan.run_id = options.run_id;
    session.contract = &loaded.document;
    session.profile = &loaded.rules;
    session.thresholds = thresholds_of(options);
    session.start_at_ms = options.start_at_ms;
    session.progress = progress_of(options, err);
    session.warn = [&err](const std::string& words) {
        err << "warning: " << words << "\n";
    };
    harness::target::target_description description = options.target;
    if (!options.target_file.empty()) {
        description = harness::target::merge_target_file(options.target_file, description);
    }
    description.credentials = credentials_of_mix(description.mix, loaded.rules);
    session.target = choose_target(description, options.target_file, loaded.document, loaded.rules,
                                   options.mock_faults, 1, mock, session.target_name);
    if (!description.mix.empty()) {
        if (session.plan.resend_ratio > 0) {
            throw std::invalid_argument(
                "--mix and --resend-ratio: give resends as a kind of the mix (resend=10)");
        }
        session.plan.mix = hl::workload_mix::parse(description.mix, session.target, loaded.rules);
    }
    return session;
}

// Where the results go is checked before the run: a run is never lost after the fact.
std::optional<std::string> unusable_output(const load_options& options) {
    for (const auto& [file, what] :
         {std::pair{&options.json_file, "the JSON result"}, std::pair{&options.hlog_file, "the .hlog"}}) {
        if (!file->empty()) {
            if (auto problem = json::output_path_problem(*file, what)) {
                return problem;
            }
        }
    }
    return std::nullopt;
}

using output_list = std::vector<std::tuple<std::filesystem::path, std::string, json::file_content>>;

output_list outputs_of(const result::load_result& r, const load_options& options) {
    const json::file_content json = [&r](std::ostream& o) {
        o << result::to_json(r) << "\n";
    };
    const json::file_content hlog = [&r](std::ostream& o) {
        reports::write_hlog(r, o);
    };
    output_list files;
    if (!options.json_file.empty()) {
        files.emplace_back(options.json_file, "the JSON result", json);
    }
    if (!options.hlog_file.empty()) {
        files.emplace_back(options.hlog_file, "the .hlog", hlog);
    }
    if (!options.report_dir.empty()) {
        const std::filesystem::path dir(options.report_dir);
        std::error_code dir_error;
        std::filesystem::create_directories(dir, dir_error);
        files.emplace_back(dir / "load.json", "the JSON result", json);
        files.emplace_back(dir / "load.hlog", "the .hlog", hlog);
        files.emplace_back(dir / "load.junit.xml", "JUnit XML",
                           [&r](std::ostream& o) { reports::write_junit(r, o); });
        files.emplace_back(dir / "load.md", "Markdown",
                           [&r](std::ostream& o) { reports::write_markdown(r, o); });
        files.emplace_back(dir / "load.html", "HTML",
                           [&r](std::ostream& o) { reports::write_html({}, {r}, o); });
    }
    return files;
}

std::optional<std::string> write_outputs(const result::load_result& r, const load_options& options,
                                         std::ostream& out) {
    for (const auto& [path, what, write] : outputs_of(r, options)) {
        if (auto problem = json::write_output_file(path, what, write)) {
            return problem;
        }
    }
    if (!options.report_dir.empty()) {
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
    return std::nullopt;
}

result::run_verdict run_load(const load_options& options, std::ostream& out, std::ostream& err) {
    const contract::loaded_contract loaded =
        contract::load_contract_and_profile(options.contract_path, options.profile_path);
    if (auto problem = unusable_output(options)) {
        return result::run_verdict::untested(*problem);
    }
    std::unique_ptr<builtin_mock_target> mock;
    hl::load_session_plan session = build_plan(options, loaded, mock, err);
    std::unique_ptr<hl::live_metrics> metrics;
    std::unique_ptr<harness::metrics::metrics_server> metrics_endpoint;
    if (!options.metrics_addr.empty()) {
        metrics = std::make_unique<hl::live_metrics>(session.plan.threads);
        metrics_endpoint = std::make_unique<harness::metrics::metrics_server>(
            options.metrics_addr, [&live = *metrics] { return live.exposition(); });
        session.plan.metrics = metrics.get();
        err << "metrics on " << metrics_endpoint->url() << std::endl;
    }
    const result::load_result result = [&] {
        interrupt_guard guard; // Ctrl-C ends the run early; the result says interrupted
        return hl::run_load_session(session, guard.flag());
    }();
    reports::write_console(result, out);
    if (auto problem = write_outputs(result, options, out)) {
        return result::run_verdict::untested(*problem);
    }
    return result.verdict;
}

void add_shape_flags(CLI::App* load, load_options& o) {
    load->add_option("--rate", o.plan.rate, "requests per second, constant arrival (open loop; default 1000)")
        ->check(above_zero())
        ->each([&o](const std::string&) { o.plan.rate_given = true; });
    load->add_option("--connections", o.plan.connections, "connections in all (closed loop when no --rate)")
        ->check(whole_between(1, 100000))
        ->capture_default_str()
        ->each([&o](const std::string&) { o.plan.connections_given = true; });
    load->add_option("--connection-cap", o.plan.connection_cap,
                     "open loop: the most connections the pool grows to when every one is busy (default: the "
                     "peak rate × 1 s latency allowance, printed)")
        ->check(whole_between(1, 100000));
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
                     "request kinds and weights, KIND=WEIGHT,… or all (" + result::request_kind_names() +
                         "); each reply judged by its kind's oracle (docs/load.md)");
    load->add_option("--resend-ratio", o.plan.resend_percent,
                     "percent of requests that resend an earlier key")
        ->check(number_between(0.0, 100.0));
    load->add_option("--validate-sample", o.plan.validate_every,
                     "check one reply in N against the contract; 0: none")
        ->capture_default_str();
    load->add_option("--shard", o.plan.shard,
                     "I/N: this process is shard I of N (rate/N, its own key space)");
    load->add_option("--start-at", o.start_at_ms, "epoch milliseconds to start at (shards start together)");
}

void add_output_flags(CLI::App* load, load_options& o) {
    load->add_option("--threshold", o.thresholds,
                     "e.g. 'p99<50ms' 'errors<0.1%' 'rate>=0.95' 'violations==0'");
    load->add_option("--json", o.json_file, "write the JSON result here (default: not written)");
    load->add_option("--hlog", o.hlog_file,
                     "write the HdrHistogram interval log here (default: not written)");
    load->add_option("--metrics-addr", o.metrics_addr,
                     "serve Prometheus /metrics here while running, e.g. 127.0.0.1:9464");
    load->add_flag(
        "--no-default-thresholds", [&o](std::int64_t) { o.default_thresholds = false; },
        "judge only the --threshold given (default: errors<=1% and violations==0 judge every run, a "
        "--threshold on the same metric replacing its default)");
    load->add_option("--report-dir", o.report_dir,
                     "write every format (JSON, .hlog, JUnit, Markdown, HTML) here");
    load->add_flag(
        "--no-progress", [&o](std::int64_t) { o.progress = false; }, "no progress line");
    load->add_option("--progress-interval", o.progress_interval,
                     "seconds between progress lines (default: 1 on a terminal, 5 otherwise, as in a CI log)")
        ->check(above_zero());
}

void add_flags(CLI::App* load, load_options& o) {
    add_target_flags(load, o.target);
    load->add_option("--target-file", o.target_file, "the target description as YAML")
        ->check(CLI::ExistingFile);
    add_shape_flags(load, o);
    add_output_flags(load, o);
    add_run_id_flag(load, o.run_id);
    add_document_flags(load, o.contract_path, o.profile_path);
    add_mock_fault_flag(load, o.mock_faults);
}

} // namespace

void add_load_command(CLI::App& app, result::run_verdict& verdict) {
    CLI::App* load = app.add_subcommand(
        "load", "Drive the endpoint at a fixed arrival rate (open loop, the default) or closed loop; report\n"
                "coordinated-omission-corrected percentiles, write JSON and .hlog, judge thresholds.\n"
                "Without --target, runs against the built-in mock. Exit 0 thresholds hold, 1 one fails, 2 "
                "setup error.");
    auto options = std::make_shared<load_options>();
    add_flags(load, *options);
    load->callback(
        [options, &verdict] { verdict = judged([&] { return run_load(*options, std::cout, std::cerr); }); });
}

} // namespace harness::cli
