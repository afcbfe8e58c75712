#pragma once
// `harness contract show` and `harness contract check`: print the operation model, and check a contract
// document (and optionally a profile) for errors, unenforced keywords and examples that break their schemas.

#include "harness/result/run_verdict.hpp"

namespace CLI {
class App;
}

namespace harness::cli {

// Adds `contract` and its two subcommands to `app`; when one runs, its verdict lands in `verdict`.
void add_contract_command(CLI::App& app, result::run_verdict& verdict);

} // namespace harness::cli
