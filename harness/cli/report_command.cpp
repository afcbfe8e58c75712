#include "report_command.hpp"

#include <charconv>
#include <iostream>

#include "exit_codes.hpp"
#include "reports/load_comparison.hpp"

namespace harness::cli {

int run_report_compare(const report_compare_options& options, std::ostream& out, std::ostream& err) {
    std::string text = options.max_regression;
    const bool percent = !text.empty() && text.back() == '%';
    if (percent) {
        text.pop_back();
    }
    double allowed = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), allowed);
    if (ec != std::errc() || end != text.data() + text.size() || allowed < 0) {
        err << "error: --max-regression '" << options.max_regression << "' is not a share such as 10% or 0.1\n";
        return exit_usage;
    }
    try {
        const reports::load_comparison comparison = reports::compare_load_results(
            options.base_file, options.current_file, percent ? allowed / 100.0 : allowed,
            options.gates.empty() ? reports::default_gates() : options.gates);
        reports::write_comparison(comparison, out);
        return comparison.regressed() ? exit_check_failed : exit_ok;
    } catch (const std::invalid_argument& e) {
        err << "error: " << e.what() << "\n";
        return exit_usage;
    }
}

} // namespace harness::cli
