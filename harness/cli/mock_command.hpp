#pragma once
// `harness mock`: its flags, and serving the endpoint's mock until SIGINT/SIGTERM.

#include "harness/result/run_verdict.hpp"

namespace CLI {
class App;
}

namespace harness::cli {

// Adds the subcommand to `app`; when it runs, its verdict lands in `verdict` (passed when it served and
// stopped, not tested when it could not start).
void add_mock_command(CLI::App& app, result::run_verdict& verdict);

} // namespace harness::cli
