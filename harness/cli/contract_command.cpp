#include "contract_command.hpp"

#include "exit_codes.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/example_checks.hpp"
#include "harness/contract/profile.hpp"
#include "reports/contract_writer.hpp"

#include <filesystem>
#include <iostream>

namespace harness::cli {

namespace {

namespace hc = harness::contract;

} // namespace

int run_contract_show(const contract_show_options& options, std::ostream& out, std::ostream& err) {
    try {
        const hc::contract c = options.contract_path.empty() ? hc::contract::builtin()
                                                             : hc::contract::load(options.contract_path);
        out << c.title() << " (version " << c.version() << ", OpenAPI " << c.openapi_version() << ")\n";
        out << "contract " << c.source_name() << "\n\n";
        for (const hc::operation& op : c.operations()) {
            reports::write_contract_operation(c, op, out);
        }
        return exit_ok;
    } catch (const json::document_error& e) {
        err << "error: " << e.what() << '\n';
        return options.contract_path.empty() || std::filesystem::exists(options.contract_path)
                   ? exit_check_failed
                   : exit_usage;
    }
}

int run_contract_check(const contract_check_options& options, std::ostream& out, std::ostream& err) {
    if (!std::filesystem::is_regular_file(options.contract_path)) {
        err << "error: " << options.contract_path << ": no such file\n";
        return exit_usage;
    }
    hc::findings found;
    std::optional<hc::contract> loaded;
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
        if (!std::filesystem::is_regular_file(options.profile_path)) {
            err << "error: " << options.profile_path << ": no such file\n";
            return exit_usage;
        }
        try {
            (void)hc::profile::load(options.profile_path);
        } catch (const json::document_error& e) {
            found.push_back({hc::finding_severity::error, e.where(), e.message()});
        }
    }
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
    out << ": " << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
        << (warnings == 1 ? "" : "s") << '\n';
    return failed ? exit_check_failed : exit_ok;
}

} // namespace harness::cli
