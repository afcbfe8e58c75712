#pragma once
// `harness report compare|merge|markdown|junit|html`: work with result files of verify and load.

#include "harness/result/run_verdict.hpp"

namespace CLI {
class App;
}

namespace harness::cli {

// Adds `report` and its subcommands to `app`; when one runs, its verdict lands in `verdict`.
void add_report_command(CLI::App& app, result::run_verdict& verdict);

} // namespace harness::cli
