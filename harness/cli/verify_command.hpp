#pragma once
// `harness verify`: run the suites against a target (or the built-in mock) and report; exit 0 when every
// check holds, 1 when one fails, 2 for usage or setup errors (an unreachable target included).

#include "harness/target/target_spec.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace harness::cli {

struct verify_options {
    harness::target::target_description target;
    std::string target_file;
    std::vector<std::string> suites;         // built-in suite names; empty = all
    std::vector<std::string> scenario_files; // extra suites from files
    std::string junit_file;
    std::string json_file;
    std::string report_dir; // every format at once: verify.json, .junit.xml, .md, .html
    std::string contract_path;
    std::string profile_path;
    std::vector<std::string> mock_faults; // for the built-in mock only
    double max_time_seconds = 0; // a deadline for the whole run (0: none): the rest is not run, exit 2
    double min_coverage = -1;    // percent of the coverage model's items; below it exit 2 (-1: no gate)
};

int run_verify(const verify_options& options, std::ostream& out, std::ostream& err);

} // namespace harness::cli
