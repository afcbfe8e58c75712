#pragma once
// `harness load`: its flags, the plan they build, the run (harness/load's session) and its outputs.

#include "harness/result/run_verdict.hpp"

namespace CLI {
class App;
}

namespace harness::cli {

// Adds the subcommand to `app`; when it runs, its verdict lands in `verdict`.
void add_load_command(CLI::App& app, result::run_verdict& verdict);

} // namespace harness::cli
