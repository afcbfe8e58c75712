#include "report_command.hpp"

#include "harness/json/output_file.hpp"
#include "harness/load/arrival_schedule.hpp"
#include "harness/result/load_comparison.hpp"
#include "harness/result/load_result_io.hpp"
#include "harness/result/result_file.hpp"
#include "harness/result/threshold.hpp"
#include "harness/result/verify_result_io.hpp"
#include "judged_run.hpp"
#include "reports/comparison_writer.hpp"
#include "reports/hlog_report.hpp"
#include "reports/html_writer.hpp"
#include "reports/junit_writer.hpp"
#include "reports/load_console_writer.hpp"
#include "reports/markdown_writer.hpp"

#include <charconv>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

namespace harness::cli {

namespace {

// `report compare BASE.json NEW.json --max-regression 10%`: failed when a gated metric regresses.
struct compare_options {
    std::string base_file;
    std::string current_file;
    std::string max_regression = "10%";
    std::vector<std::string> gates; // empty: p50, p90, p99, p99.9, rate, errors
    std::string min_change = "1ms"; // a latency must also grow by more than this to regress (noise floor)
    bool force = false;             // compare runs of different modes or rates
};

// `report merge A.json B.json … -o ALL.json [--hlog ALL.hlog]`: load runs or shards merged exactly. A file
// that cannot be read is named and the merge fails (the result lacks it); none readable: not tested.
struct merge_options {
    std::vector<std::string> files;
    std::string output;
    std::string hlog;
    std::vector<std::string> thresholds; // judged on the merged result (the shards' own are per part)
};

// `report markdown|junit RUN.json -o FILE` and `report html RUN.json… -o FILE`: results rendered again.
struct render_options {
    std::string format; // "markdown", "junit" or "html"
    std::vector<std::string> inputs;
    std::string output;
    bool junit_per_check =
        false; // junit of a verify result: a testcase per check, as verify --junit-per-check
};

// "10%" or "0.1" as a share; nullopt when it is neither.
std::optional<double> share_of(std::string text) {
    const bool percent = !text.empty() && text.back() == '%';
    if (percent) {
        text.pop_back();
    }
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
        return std::nullopt;
    }
    return percent ? value / 100.0 : value;
}

result::run_verdict run_compare(const compare_options& options, std::ostream& out) {
    const std::optional<double> allowed = share_of(options.max_regression);
    if (!allowed) {
        return result::run_verdict::untested("--max-regression '" + options.max_regression +
                                             "' is not a share such as 10% or 0.1");
    }
    result::comparison_settings settings;
    settings.max_regression = *allowed;
    settings.min_latency_change_us = load::parse_duration(options.min_change) * 1e6;
    settings.force = options.force;
    if (!options.gates.empty()) {
        settings.gates = options.gates;
    }
    const result::load_comparison comparison =
        result::compare_load_results(options.base_file, options.current_file, settings);
    reports::write_comparison(comparison, out);
    return comparison.regressed()
               ? result::run_verdict::fail("a gated metric regressed beyond --max-regression")
               : result::run_verdict::pass();
}

std::vector<result::threshold> thresholds_of(const std::vector<std::string>& texts) {
    std::vector<result::threshold> thresholds;
    for (const std::string& text : texts) {
        try {
            thresholds.push_back(result::parse_threshold(text));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument("--threshold '" + text + "': " + e.what());
        }
    }
    return thresholds;
}

result::run_verdict run_merge(const merge_options& options, std::ostream& out, std::ostream& err) {
    const std::vector<result::threshold> thresholds = thresholds_of(options.thresholds);
    std::vector<result::load_result> results;
    std::vector<std::string> missing;
    for (const std::string& file : options.files) {
        try {
            results.push_back(result::read_load_result(file));
        } catch (const std::exception& e) {
            err << "error: shard not merged: " << e.what() << "\n";
            missing.push_back(file);
        }
    }
    if (results.empty()) {
        return result::run_verdict::untested("no result could be read");
    }
    result::load_result merged = result::merge_load_results(results);
    merged.missing_inputs = missing;
    merged.target += " (merged from " + std::to_string(results.size()) + " result(s)" +
                     (missing.empty() ? "" : ", " + std::to_string(missing.size()) + " missing") + ")";
    result::evaluate_thresholds(merged, thresholds); // draws the merged run's verdict
    if (auto problem = json::write_output_file(options.output, "the merged result", [&](std::ostream& o) {
            o << result::to_json(merged) << "\n";
        })) {
        return result::run_verdict::untested(*problem);
    }
    if (!options.hlog.empty()) {
        if (auto problem = json::write_output_file(
                options.hlog, "the merged .hlog", [&](std::ostream& o) { reports::write_hlog(merged, o); })) {
            return result::run_verdict::untested(*problem);
        }
    }
    reports::write_console(merged, out);
    out << "merged " << results.size() << " of " << options.files.size() << " result(s) into "
        << options.output << "\n";
    for (const std::string& file : missing) {
        out << "MISSING: " << file << "\n";
    }
    for (int shard : merged.missing_shards) {
        out << "MISSING: shard " << shard << "/" << merged.shard_count << "\n";
    }
    return merged.verdict;
}

// Every input read before the output is opened: a failed read never truncates what was there.
result::run_verdict run_render(const render_options& options, std::ostream& out) {
    std::vector<result::verify_result> verify_runs;
    std::vector<result::load_result> load_runs;
    for (const std::string& input : options.inputs) {
        if (result::result_format_of(input) == result::result_format::verify) {
            verify_runs.push_back(result::read_verify_result(input));
        } else {
            load_runs.push_back(result::read_load_result(input));
        }
    }
    // A load run's JUnit has one shape: the flag would be ignored, so it is refused instead.
    if (options.junit_per_check && verify_runs.empty()) {
        return result::run_verdict::untested("--junit-per-check shapes a verify result's JUnit; " +
                                             options.inputs.front() + " is a load result");
    }
    const reports::junit_shape shape =
        options.junit_per_check ? reports::junit_shape::per_check : reports::junit_shape::per_case;
    const json::file_content write = [&](std::ostream& o) {
        if (options.format == "html") {
            reports::write_html(verify_runs, load_runs, o);
        } else if (!verify_runs.empty()) {
            options.format == "markdown" ? reports::write_markdown(verify_runs.front(), o)
                                         : reports::write_junit(verify_runs.front(), o, shape);
        } else {
            options.format == "markdown" ? reports::write_markdown(load_runs.front(), o)
                                         : reports::write_junit(load_runs.front(), o);
        }
    };
    if (auto problem = json::write_output_file(options.output, options.format, write)) {
        return result::run_verdict::untested(*problem);
    }
    out << "wrote " << options.output << "\n";
    return result::run_verdict::pass();
}

void add_compare(CLI::App* report, result::run_verdict& verdict) {
    auto o = std::make_shared<compare_options>();
    CLI::App* compare = report->add_subcommand(
        "compare", "Compare a load result with a baseline: each percentile, mean, max and rate, old vs new;\n"
                   "exit 1 when a gated metric regresses by more than --max-regression");
    compare->add_option("base", o->base_file, "the baseline harness.load JSON")
        ->required()
        ->check(CLI::ExistingFile);
    compare->add_option("new", o->current_file, "the new harness.load JSON")
        ->required()
        ->check(CLI::ExistingFile);
    compare->add_option("--max-regression", o->max_regression, "allowed worsening, e.g. 10% or 0.1")
        ->capture_default_str();
    compare->add_option("--gate", o->gates,
                        "metrics that decide: p50 p75 p90 p99 p99.9 p99.99 mean max rate errors "
                        "(default p50 p90 p99 p99.9 rate errors)");
    compare
        ->add_option("--min-change", o->min_change,
                     "noise floor: a latency regresses only if it also grows by more than this")
        ->capture_default_str();
    compare->add_flag("--force", o->force,
                      "compare runs of different modes or requested rates (refused otherwise)");
    compare->callback([o, &verdict] { verdict = judged([&] { return run_compare(*o, std::cout); }); });
}

void add_merge(CLI::App* report, result::run_verdict& verdict) {
    auto m = std::make_shared<merge_options>();
    CLI::App* merge = report->add_subcommand(
        "merge",
        "Merge load results (runs or shards): histograms exactly, counts summed, timeline by wall clock");
    merge->add_option("files", m->files, "harness.load JSON files")->required();
    merge->add_option("-o,--output", m->output, "the merged harness.load JSON")->required();
    merge->add_option("--hlog", m->hlog, "also write the merged interval log");
    merge->add_option("--threshold", m->thresholds,
                      "judge the merged run, e.g. 'p99<50ms' 'errors<0.1%'; exit 1 if one fails");
    merge->callback([m, &verdict] { verdict = judged([&] { return run_merge(*m, std::cout, std::cerr); }); });
}

void add_render(CLI::App* report, const std::string& format, const std::string& help,
                result::run_verdict& verdict) {
    auto o = std::make_shared<render_options>();
    o->format = format;
    CLI::App* render = report->add_subcommand(format, help);
    if (format == "html") {
        render->add_option("runs", o->inputs, "harness.verify and harness.load JSON results")
            ->required()
            ->check(CLI::ExistingFile);
        render->add_option("-o,--output", o->output, "the HTML file to write")->required();
    } else {
        render->add_option("run", o->inputs, "a harness.verify or harness.load JSON result")
            ->required()
            ->expected(1)
            ->check(CLI::ExistingFile);
        render->add_option("-o,--output", o->output, "the file to write")->required();
    }
    if (format == "junit") {
        render->add_flag(
            "--junit-per-check", o->junit_per_check,
            "a verify result: a testcase per check of each case (the shape before one per case), "
            "as verify --junit-per-check");
    }
    render->callback([o, &verdict] { verdict = judged([&] { return run_render(*o, std::cout); }); });
}

} // namespace

void add_report_command(CLI::App& app, result::run_verdict& verdict) {
    CLI::App* report = app.add_subcommand("report", "Work with result files of verify and load");
    report->require_subcommand(1);
    add_compare(report, verdict);
    add_merge(report, verdict);
    add_render(report, "html",
               "One self-contained HTML page (inline SVG charts, no network) of verify and load JSON results",
               verdict);
    add_render(report, "markdown",
               "Render a verify or load JSON result as Markdown (CI job summary, PR comment)", verdict);
    add_render(report, "junit", "Render a verify or load JSON result as JUnit XML", verdict);
}

} // namespace harness::cli
