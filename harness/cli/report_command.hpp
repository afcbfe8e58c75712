#pragma once
// `harness report compare BASE.json NEW.json --max-regression 10%`: exit 1 when a gated metric regresses.

#include <iosfwd>
#include <string>
#include <vector>

namespace harness::cli {

struct report_compare_options {
    std::string base_file;
    std::string current_file;
    std::string max_regression = "10%";
    std::vector<std::string> gates; // empty: p50, p90, p99, p99.9, rate, errors
    std::string min_change = "1ms"; // a latency must also grow by more than this to regress (noise floor)
    bool force = false;             // compare runs of different modes or rates
};

int run_report_compare(const report_compare_options& options, std::ostream& out, std::ostream& err);

// `harness report merge A.json B.json … -o ALL.json [--hlog ALL.hlog]`: load runs or shards merged exactly.
// A file that cannot be read is named and the merge exits 1 (the result lacks it); none readable: exit 2.
struct report_merge_options {
    std::vector<std::string> files;
    std::string output;
    std::string hlog;
    std::vector<std::string> thresholds; // judged on the merged result (the shards' own are per part)
};

int run_report_merge(const report_merge_options& options, std::ostream& out, std::ostream& err);

} // namespace harness::cli

namespace harness::cli {

// `harness report markdown|junit RUN.json -o FILE`: a verify or load result rendered again (the format is
// read from the file).
struct report_render_options {
    std::string format; // "markdown" or "junit"
    std::string input;
    std::string output;
};

int run_report_render(const report_render_options& options, std::ostream& out, std::ostream& err);

} // namespace harness::cli

namespace harness::cli {

// `harness report html RUN.json [RUN.json…] -o FILE`: one self-contained page of verify and load results.
struct report_html_options {
    std::vector<std::string> inputs;
    std::string output;
};

int run_report_html(const report_html_options& options, std::ostream& out, std::ostream& err);

} // namespace harness::cli
