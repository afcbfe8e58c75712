#include "html_cases.hpp"

#include "failure_groups.hpp"
#include "html_parts.hpp"

#include <algorithm>
#include <ostream>

namespace harness::reports {

namespace {

void write_exchange(const http::exchange& e, std::ostream& out) {
    out << "<pre>" << html(e.request.method) << " " << html(e.request.target) << "\n";
    for (const auto& [name, value] : e.request.headers) {
        out << html(name) << ": " << html(value) << "\n";
    }
    out << "\n" << html(e.request.body.substr(0, 4000)) << "</pre>";
    if (e.response.status != 0) {
        out << "<pre>HTTP " << e.response.status << "\n";
        for (const auto& [name, value] : e.response.headers) {
            out << html(name) << ": " << html(value) << "\n";
        }
        out << "\n" << html(e.response.body.substr(0, 4000)) << "</pre>";
    } else {
        out << "<pre>no response: " << html(e.error) << "</pre>";
    }
}

// A failing case's failed checks (the same failure once, with its count) and the exchange of the first.
void write_failed_checks(const result::case_outcome& c, bool open, std::ostream& out) {
    std::size_t failed = 0;
    for (const auto& k : c.checks) {
        failed += k.status == checks::check_status::failed ? 1 : 0;
    }
    out << (open ? "<details open><summary>" : "<details><summary>") << failed
        << " failed check(s)</summary><table class=\"failures\"><tr><th>check</th><th>expected</th>"
           "<th>actual</th><th>rule</th></tr>";
    for (const failure_group& g : failed_check_groups(c)) {
        const checks::check_outcome& k = *g.first;
        out << "<tr><td><code>" << html(k.check) << "</code>"
            << (g.count > 1 ? " ×" + std::to_string(g.count) : std::string()) << "</td><td>"
            << html(k.expected) << "</td><td>" << html(k.actual) << "</td><td>" << html(k.rule)
            << "</td></tr>";
    }
    out << "</table>";
    for (const auto& k : c.checks) {
        if (k.status == checks::check_status::failed && k.exchange >= 0 &&
            k.exchange < static_cast<int>(c.exchanges.size())) {
            out << "<p>Exchange of <code>" << html(k.check) << "</code> (secrets redacted):</p>";
            write_exchange(c.exchanges[static_cast<std::size_t>(k.exchange)], out);
            break;
        }
    }
    out << "</details>";
}

// One row of a case table; a failing case's checks `open` or folded.
void write_case_row(const result::case_outcome& c, bool open, std::ostream& out) {
    const char* cls = c.status == result::case_status::passed   ? "pass"
                      : c.status == result::case_status::failed ? "fail"
                                                                : "skip";
    out << "<tr><td>" << html(c.suite) << "</td><td>" << html(c.name) << "</td><td class=\"" << cls
        << " result\">" << result::to_string(c.status) << "</td><td>";
    if (c.status == result::case_status::skipped) {
        out << html(c.skip_reason);
    } else if (c.status == result::case_status::failed) {
        write_failed_checks(c, open, out);
    } else {
        out << c.checks.size() << " held";
    }
    out << "</td></tr>\n";
}

const char* table_head = "<tr><th>suite</th><th>case</th><th>result</th><th>checks</th></tr>\n";

} // namespace

void write_case_tables(const result::verify_result& r, std::ostream& out) {
    // The first few failing cases are open; more would push everything else off the page.
    constexpr std::size_t open_failures = 3;
    std::size_t written = 0;
    for (const result::case_status status : {result::case_status::failed, result::case_status::skipped}) {
        for (const auto& c : r.cases) {
            if (c.status == status) {
                out << (written == 0 ? std::string("<table class=\"cases\">") + table_head : "");
                write_case_row(c, written++ < open_failures, out);
            }
        }
    }
    out << (written > 0 ? "</table>\n" : "");
    // The passed cases, folded per suite: what needs no reading stays one line a suite.
    for (const auto& s : r.count_by_suite()) {
        if (s.passed == 0) {
            continue;
        }
        out << "<details class=\"passed-cases\"><summary>" << html(s.suite) << ": <span class=\"pass\">"
            << s.passed << " passed</span></summary><table>" << table_head;
        for (const auto& c : r.cases) {
            if (c.suite == s.suite && c.status == result::case_status::passed) {
                write_case_row(c, false, out);
            }
        }
        out << "</table></details>\n";
    }
}

} // namespace harness::reports
