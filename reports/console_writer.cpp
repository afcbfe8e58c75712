#include "console_writer.hpp"

#include <iomanip>
#include <ostream>

namespace harness::reports {

void write_console(const result::verify_result& result, std::ostream& out) {
    out << "verify " << result.target << "\n  contract " << result.contract << "\n  profile  "
        << result.profile << "\n\n";
    std::string suite;
    for (const auto& c : result.cases) {
        if (c.suite != suite) {
            suite = c.suite;
            out << suite << "\n";
        }
        const char* mark = c.status == result::case_status::passed   ? "  ok    "
                           : c.status == result::case_status::failed ? "  FAIL  "
                                                                     : "  skip  ";
        out << mark << c.name;
        if (c.status == result::case_status::skipped) {
            out << "  (" << c.skip_reason << ")";
        }
        out << "\n";
        for (const auto& check : c.checks) {
            if (check.status != checks::check_status::failed) {
                continue;
            }
            out << "        " << check.check << ": " << check.message << "\n";
            out << "          expected: " << check.expected << "\n";
            out << "          actual:   " << check.actual << "\n";
            out << "          rule:     " << check.rule << "\n";
            if (check.exchange >= 0 && check.exchange < static_cast<int>(c.exchanges.size())) {
                const auto& e = c.exchanges[static_cast<std::size_t>(check.exchange)];
                std::string body =
                    e.request.body.size() > 200 ? e.request.body.substr(0, 200) + "…" : e.request.body;
                out << "          request:  " << e.request.method << " " << e.request.target << " " << body
                    << "\n";
            }
        }
    }
    const auto t = result.count();
    out << "\n"
        << (result.passed() ? "PASSED" : "FAILED") << ": " << t.passed << " passed, " << t.failed
        << " failed, " << t.skipped << " skipped (" << t.cases << " cases, " << t.checks << " checks, "
        << t.checks_failed << " failed) in " << std::fixed << std::setprecision(0) << result.duration_ms
        << " ms\n";
}

} // namespace harness::reports
