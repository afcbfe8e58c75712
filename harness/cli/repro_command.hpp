#pragma once
// `harness repro`: its flags, the plan they build, the run (harness/repro) and its outputs: the explanation
// and, with --bundle, a redacted folder with a scenario that keeps the case in CI.

#include "harness/result/run_verdict.hpp"

namespace CLI {
class App;
}

namespace harness::cli {

// Adds the subcommand to `app`; when it runs, its verdict lands in `verdict`.
void add_repro_command(CLI::App& app, result::run_verdict& verdict);

} // namespace harness::cli
