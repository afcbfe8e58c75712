// The `harness` binary: parses the command line (CLI11 lives in this file only, it is slow to compile) and
// hands each subcommand to its own *_command.cpp.

#include <iostream>

#include <CLI/CLI.hpp>

#include "contract_command.hpp"
#include "exit_codes.hpp"

namespace {

using namespace harness::cli;

// Every subcommand's options live here, for as long as main() runs the parsed command.
struct command_state {
    int result = exit_ok;
    contract_show_options contract_show;
    contract_check_options contract_check;
};

void add_contract_commands(CLI::App& app, command_state& state) {
    CLI::App* contract = app.add_subcommand("contract", "Show or check the endpoint's contract (OpenAPI + profile)");
    contract->require_subcommand(1);

    contract_show_options& show_options = state.contract_show;
    CLI::App* show = contract->add_subcommand(
        "show", "Print the operation: method, path, parameters, request and response fields (type/required/nullable)");
    show->add_option("--contract", show_options.contract_path, "OpenAPI 3.0/3.1 document (default: the built-in one)")
        ->check(CLI::ExistingFile);
    show->callback([&state] { state.result = run_contract_show(state.contract_show, std::cout, std::cerr); });

    contract_check_options& check_options = state.contract_check;
    CLI::App* check = contract->add_subcommand(
        "check", "Check a contract document: $refs, schemas, unenforced keywords, examples; exit 1 if broken");
    check->add_option("file", check_options.contract_path, "OpenAPI 3.0/3.1 document (YAML or JSON)")->required();
    check->add_option("--profile", check_options.profile_path, "behaviour profile to check as well");
    check->add_flag("--strict", check_options.strict, "fail on warnings (keywords read but not enforced) too");
    check->callback([&state] { state.result = run_contract_check(state.contract_check, std::cout, std::cerr); });
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"harness: contract and load testing for the live-chat operator-message endpoint\n"
                 "Exit codes: 0 ok, 1 what was checked failed, 2 usage or setup error."};
    app.name("harness");
    app.require_subcommand(1);
    app.set_version_flag("--version", "harness 0.1.0");
    command_state state;
    add_contract_commands(app, state);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return exit_usage;
    }
    return state.result;
}
