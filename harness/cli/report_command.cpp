#include "report_command.hpp"

#include "exit_codes.hpp"
#include "harness/load/arrival_schedule.hpp"
#include "harness/result/load_comparison.hpp"
#include "harness/result/load_result_io.hpp"
#include "harness/result/threshold.hpp"
#include "harness/result/verify_result_io.hpp"
#include "reports/comparison_writer.hpp"
#include "reports/hlog_report.hpp"
#include "reports/html_writer.hpp"
#include "reports/junit_writer.hpp"
#include "reports/load_console_writer.hpp"
#include "reports/markdown_writer.hpp"

#include <charconv>
#include <fstream>
#include <iostream>

namespace harness::cli {

int run_report_compare(const report_compare_options& options, std::ostream& out, std::ostream& err) {
    std::string text = options.max_regression;
    const bool percent = !text.empty() && text.back() == '%';
    if (percent) {
        text.pop_back();
    }
    double allowed = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), allowed);
    if (ec != std::errc() || end != text.data() + text.size() || allowed < 0) {
        err << "error: --max-regression '" << options.max_regression
            << "' is not a share such as 10% or 0.1\n";
        return exit_usage;
    }
    try {
        harness::result::comparison_settings settings;
        settings.max_regression = percent ? allowed / 100.0 : allowed;
        settings.min_latency_change_us = harness::load::parse_duration(options.min_change) * 1e6;
        settings.force = options.force;
        if (!options.gates.empty()) {
            settings.gates = options.gates;
        }
        const harness::result::load_comparison comparison =
            harness::result::compare_load_results(options.base_file, options.current_file, settings);
        reports::write_comparison(comparison, out);
        return comparison.regressed() ? exit_check_failed : exit_ok;
    } catch (const std::exception& e) {
        err << "error: " << e.what() << "\n";
        return exit_usage;
    }
}

int run_report_merge(const report_merge_options& options, std::ostream& out, std::ostream& err) {
    std::vector<harness::result::threshold> thresholds;
    for (const std::string& text : options.thresholds) {
        try {
            thresholds.push_back(harness::result::parse_threshold(text));
        } catch (const std::invalid_argument& e) {
            err << "error: --threshold '" << text << "': " << e.what() << "\n";
            return exit_usage;
        }
    }
    std::vector<harness::result::load_result> results;
    std::vector<std::string> missing;
    for (const std::string& file : options.files) {
        try {
            results.push_back(harness::result::read_load_result(file));
        } catch (const std::exception& e) {
            err << "error: shard not merged: " << e.what() << "\n";
            missing.push_back(file);
        }
    }
    if (results.empty()) {
        err << "error: no result could be read\n";
        return exit_usage;
    }
    harness::result::load_result merged = harness::result::merge_load_results(results);
    merged.missing_inputs = missing;
    merged.target += " (merged from " + std::to_string(results.size()) + " result(s)" +
                     (missing.empty() ? "" : ", " + std::to_string(missing.size()) + " missing") + ")";
    harness::result::evaluate_thresholds(merged, thresholds);
    std::ofstream json(options.output);
    json << harness::result::to_json(merged) << "\n";
    if (!json) {
        err << "error: cannot write " << options.output << "\n";
        return exit_usage;
    }
    if (!options.hlog.empty()) {
        std::ofstream hlog(options.hlog);
        harness::reports::write_hlog(merged, hlog);
    }
    harness::reports::write_console(merged, out);
    out << "merged " << results.size() << " of " << options.files.size() << " result(s) into "
        << options.output << "\n";
    for (const std::string& file : missing) {
        out << "MISSING: " << file << "\n";
    }
    for (int shard : merged.missing_shards) {
        out << "MISSING: shard " << shard << "/" << merged.shard_count << "\n";
    }
    return missing.empty() && merged.missing_shards.empty() && merged.passed() ? exit_ok : exit_check_failed;
}

int run_report_render(const report_render_options& options, std::ostream& out, std::ostream& err) {
    std::ifstream probe(options.input);
    std::string head(4096, '\0');
    probe.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(probe.gcount()));
    const bool is_verify = head.find("\"harness.verify\"") != std::string::npos;
    std::ofstream file(options.output);
    if (!file) {
        err << "error: cannot write " << options.output << "\n";
        return exit_usage;
    }
    try {
        if (is_verify) {
            const result::verify_result run = result::read_verify_result(options.input);
            options.format == "markdown" ? reports::write_markdown(run, file)
                                         : reports::write_junit(run, file);
        } else {
            const harness::result::load_result run = harness::result::read_load_result(options.input);
            options.format == "markdown" ? reports::write_markdown(run, file)
                                         : reports::write_junit(run, file);
        }
    } catch (const std::exception& e) {
        err << "error: " << e.what() << "\n";
        return exit_usage;
    }
    out << "wrote " << options.output << "\n";
    return exit_ok;
}

int run_report_html(const report_html_options& options, std::ostream& out, std::ostream& err) {
    std::vector<result::verify_result> verify_runs;
    std::vector<harness::result::load_result> load_runs;
    try {
        for (const std::string& input : options.inputs) {
            std::ifstream probe(input);
            std::string head(4096, '\0');
            probe.read(head.data(), static_cast<std::streamsize>(head.size()));
            head.resize(static_cast<std::size_t>(probe.gcount()));
            if (head.find("\"harness.verify\"") != std::string::npos) {
                verify_runs.push_back(result::read_verify_result(input));
            } else {
                load_runs.push_back(harness::result::read_load_result(input));
            }
        }
    } catch (const std::exception& e) {
        err << "error: " << e.what() << "\n";
        return exit_usage;
    }
    std::ofstream file(options.output);
    reports::write_html(verify_runs, load_runs, file);
    if (!file) {
        err << "error: cannot write " << options.output << "\n";
        return exit_usage;
    }
    out << "wrote " << options.output << "\n";
    return exit_ok;
}

} // namespace harness::cli
