#include "contract_command.hpp"

#include "harness/contract/contract.hpp"
#include "harness/contract/example_checks.hpp"
#include "harness/contract/profile.hpp"
#include "reports/contract_writer.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

namespace harness::cli {

namespace {

namespace hc = harness::contract;

struct contract_show_options {
    std::string contract_path; // empty: the built-in contract
};

struct contract_check_options {
    std::string contract_path; // required
    std::string profile_path;  // optional
    bool strict = false;       // warnings fail the check too
};

result::run_verdict run_contract_show(const contract_show_options& options, std::ostream& out) {
    try {
        const hc::contract c = options.contract_path.empty() ? hc::contract::builtin()
                                                             : hc::contract::load(options.contract_path);
        out << c.title() << " (version " << c.version() << ", OpenAPI " << c.openapi_version() << ")\n";
        out << "contract " << c.source_name() << "\n\n";
        for (const hc::operation& op : c.operations()) {
            reports::write_contract_operation(c, op, out);
        }
        return result::run_verdict::pass();
    } catch (const json::document_error& e) {
        // A document that is there and broken fails the check; one that cannot be read was not checked.
        if (options.contract_path.empty() || std::filesystem::exists(options.contract_path)) {
            std::cerr << "error: " << e.what() << '\n'; // no writer shows a failed show: said here
            return result::run_verdict::fail(e.what());
        }
        return result::run_verdict::untested(e.what());
    }
}

// Every finding in the contract (and the profile, when given); empty `found` and a loaded contract when
// clean.
hc::findings check_documents(const contract_check_options& options, std::optional<hc::contract>& loaded) {
    hc::findings found;
    try {
        hc::contract_check_result result =
            hc::check_contract(json::source_document::read(options.contract_path));
        found = std::move(result.found);
        loaded = std::move(result.loaded);
    } catch (const json::document_error& e) {
        found.push_back({hc::finding_severity::error, e.where(), e.message()});
    }
    if (loaded) {
        hc::check_examples(*loaded, found);
    }
    if (!options.profile_path.empty()) {
        try {
            (void)hc::profile::load(options.profile_path);
        } catch (const json::document_error& e) {
            found.push_back({hc::finding_severity::error, e.where(), e.message()});
        }
    }
    return found;
}

result::run_verdict run_contract_check(const contract_check_options& options, std::ostream& out) {
    for (const std::string* path : {&options.contract_path, &options.profile_path}) {
        if (!path->empty() && !std::filesystem::is_regular_file(*path)) {
            return result::run_verdict::untested(*path + ": no such file");
        }
    }
    std::optional<hc::contract> loaded;
    const hc::findings found = check_documents(options, loaded);
    std::size_t errors = 0;
    std::size_t warnings = 0;
    for (const hc::finding& f : found) {
        (f.severity == hc::finding_severity::error ? errors : warnings) += 1;
        out << f.to_string() << '\n';
    }
    const bool failed = errors > 0 || (options.strict && warnings > 0);
    out << (failed ? "FAILED" : "OK") << ": " << options.contract_path;
    if (loaded) {
        out << " (" << loaded->operations().size() << " operation"
            << (loaded->operations().size() == 1 ? "" : "s") << ")";
    }
    if (!options.profile_path.empty()) {
        out << ", profile " << options.profile_path;
    }
    const std::string tally = std::to_string(errors) + " error" + (errors == 1 ? "" : "s") + ", " +
                              std::to_string(warnings) + " warning" + (warnings == 1 ? "" : "s");
    out << ": " << tally << '\n';
    return failed ? result::run_verdict::fail(options.contract_path + ": " + tally)
                  : result::run_verdict::pass();
}

} // namespace

void add_contract_command(CLI::App& app, result::run_verdict& verdict) {
    CLI::App* contract =
        app.add_subcommand("contract", "Show or check the endpoint's contract (OpenAPI + profile)");
    contract->require_subcommand(1);

    auto show_options = std::make_shared<contract_show_options>();
    CLI::App* show = contract->add_subcommand("show", "Print the operation: method, path, parameters, "
                                                      "request and response fields (type/required/nullable)");
    show->add_option("--contract", show_options->contract_path,
                     "OpenAPI 3.0/3.1 document (default: the built-in one)")
        ->check(CLI::ExistingFile);
    show->callback([show_options, &verdict] { verdict = run_contract_show(*show_options, std::cout); });

    auto check_options = std::make_shared<contract_check_options>();
    CLI::App* check = contract->add_subcommand(
        "check",
        "Check a contract document: $refs, schemas, unenforced keywords, examples; exit 1 if broken");
    check->add_option("file", check_options->contract_path, "OpenAPI 3.0/3.1 document (YAML or JSON)")
        ->required();
    check->add_option("--profile", check_options->profile_path, "behaviour profile to check as well")
        ->check(CLI::ExistingFile);
    check->add_flag("--strict", check_options->strict,
                    "fail on warnings (keywords read but not enforced) too");
    check->callback([check_options, &verdict] { verdict = run_contract_check(*check_options, std::cout); });
}

} // namespace harness::cli
