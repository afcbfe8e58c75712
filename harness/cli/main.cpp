// The `harness` binary: each subcommand's file adds its flags and its run; main parses, tells the user why a
// run did not pass when no writer has, and maps the one verdict to the exit code.

#include "completion_command.hpp"
#include "contract_command.hpp"
#include "harness/result/build_info.hpp"
#include "harness/result/run_verdict.hpp"
#include "load_command.hpp"
#include "mock_command.hpp"
#include "report_command.hpp"
#include "repro_command.hpp"
#include "typo_hints.hpp"
#include "verify_command.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

namespace {

using harness::result::run_verdict;
using harness::result::verdict_kind;

// A run that could not test the target, or was interrupted, says why on stderr (a failed one is told by its
// writers: the console's FAILED line, the findings).
int finish(const run_verdict& verdict) {
    if (verdict.kind == verdict_kind::not_tested && !verdict.reason.empty()) {
        std::cerr << "error: " << verdict.reason << "\n";
    } else if (verdict.kind == verdict_kind::interrupted) {
        std::cerr << "interrupted: " << verdict.reason << "\n";
    }
    return harness::result::exit_code_of(verdict);
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"harness: contract and load testing for the live-chat operator-message endpoint\n"
                 "Exit codes: 0 ok, 1 what was checked failed, 2 usage or setup error, 130 interrupted."};
    app.name("harness");
    app.require_subcommand(1);
    app.set_version_flag("--version", "harness " + harness::result::harness_build_text());
    run_verdict verdict;
    harness::cli::add_contract_command(app, verdict);
    harness::cli::add_mock_command(app, verdict);
    harness::cli::add_verify_command(app, verdict);
    harness::cli::add_load_command(app, verdict);
    harness::cli::add_report_command(app, verdict);
    harness::cli::add_repro_command(app, verdict);
    harness::cli::add_completion_command(app, verdict); // last: it completes the ones above
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // A typo'd subcommand or flag is named with the closest known one; anything else is CLI11's message.
        if (const auto explained = harness::cli::explain_unknown_words(app, argc, argv)) {
            return finish(run_verdict::untested(*explained));
        }
        app.exit(e);
        return finish(run_verdict::untested(""));
    }
    return finish(verdict);
}
