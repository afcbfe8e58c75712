#pragma once
// `harness completion bash` (hidden): a bash completion script drawn from the CLI's own subcommands and
// flags, so the Debian package's completion never drifts from the binary it ships with.

#include "harness/result/run_verdict.hpp"

#include <iosfwd>

namespace CLI {
class App;
}

namespace harness::cli {

// Adds the hidden `completion` subcommand; add it last, after every subcommand it should complete.
void add_completion_command(CLI::App& app, result::run_verdict& verdict);

// The bash completion script for every visible subcommand and flag of `app` (a function `_harness`).
void write_bash_completion(const CLI::App& app, std::ostream& out);

} // namespace harness::cli
