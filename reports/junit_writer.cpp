#include "junit_writer.hpp"

#include "coverage_writer.hpp"
#include "load_findings.hpp"
#include "markup_escape.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>

namespace harness::reports {

namespace {

std::string check_label(const checks::check_outcome& check) {
    return check.exchange >= 0 ? check.check + " #" + std::to_string(check.exchange + 1) : check.check;
}

// The coverage model as a suite of its own: a passing testcase per covered item, a skipped one per item the
// run did not cover, with why, so CI dashboards list what was never exercised.
void write_coverage_suite(const result::verify_result& result, std::ostream& out) {
    if (result.coverage.empty()) {
        return;
    }
    const auto t = result.count_coverage();
    out << "  <testsuite name=\"coverage\" tests=\"" << t.items << "\" failures=\"0\" skipped=\""
        << t.items - t.covered << "\">\n";
    for (const result::coverage_entry& e : result.coverage) {
        out << "    <testcase classname=\"coverage." << escape_markup(e.area) << "\" name=\""
            << escape_markup(e.id) << "\" time=\"0\"";
        if (e.covered) {
            out << "/>\n";
        } else {
            // A rule no check observes says so itself ("uncovered: no check covers it …").
            out << ">\n      <skipped message=\"" << (uncheckable(e) ? "" : "not covered: ")
                << escape_markup(e.why_not) << "\"/>\n    </testcase>\n";
        }
    }
    out << "  </testsuite>\n";
}

// The run's verdict as a testcase of its own, so that a run that could not test the target or was
// interrupted fails in a CI dashboard with the reason, even when no check failed.
void write_verdict_suite(const result::run_verdict& verdict, std::ostream& out) {
    const bool failed = !verdict.passed();
    out << "  <testsuite name=\"verdict\" tests=\"1\" failures=\"" << (failed ? 1 : 0) << "\">\n"
        << "    <testcase classname=\"harness.verdict\" name=\"" << to_string(verdict.kind)
        << "\" time=\"0\"";
    if (!failed) {
        out << "/>\n";
    } else {
        out << ">\n      <failure message=\"" << escape_markup(verdict.reason) << "\" type=\""
            << to_string(verdict.kind) << "\">" << escape_markup(verdict.reason)
            << "</failure>\n    </testcase>\n";
    }
    out << "  </testsuite>\n";
}

int verdict_failures(const result::run_verdict& verdict) {
    return verdict.passed() ? 0 : 1;
}

// A load run's findings as a suite of their own: a failing testcase per rule the checked replies broke, its
// sample reply in the failure's text, and the store's tally (failing when it does not hold).
struct findings_count {
    std::size_t tests = 0, failures = 0;
};

findings_count count_findings(const harness::result::load_result& r) {
    const std::size_t store = r.store ? 1 : 0;
    const std::size_t broken_store = r.store && !r.store->holds() ? 1 : 0;
    return {r.stats.violations.size() + store, r.stats.violations.size() + broken_store};
}

void write_findings_suite(const harness::result::load_result& r, std::ostream& out) {
    const findings_count n = count_findings(r);
    if (n.tests == 0) {
        return;
    }
    out << "  <testsuite name=\"load findings\" tests=\"" << n.tests << "\" failures=\"" << n.failures
        << "\">\n";
    for (const result::rule_violation& v : r.stats.violations) {
        const std::string detail =
            "rule: " + v.rule_text + "\nsample: " + violation_sample(v) + "\nbody: " + v.sample.body;
        out << "    <testcase classname=\"load.violations\" name=\"" << escape_markup(v.rule)
            << "\" time=\"0\">\n      <failure message=\"" << escape_markup(violation_headline(v))
            << "\" type=\"violation\">" << escape_markup(detail) << "</failure>\n    </testcase>\n";
    }
    if (r.store) {
        out << "    <testcase classname=\"load.store\" name=\"stored\" time=\"0\"";
        const std::string problem = store_problem(*r.store);
        if (problem.empty()) {
            out << "/>\n";
        } else {
            out << ">\n      <failure message=\"" << escape_markup(problem) << "\" type=\"stored\">"
                << escape_markup(store_summary(*r.store)) << "</failure>\n    </testcase>\n";
        }
    }
    out << "  </testsuite>\n";
}

} // namespace

void write_junit(const result::verify_result& result, std::ostream& out) {
    std::map<std::string, std::vector<const result::case_outcome*>> by_suite;
    std::vector<std::string> order;
    for (const auto& c : result.cases) {
        if (!by_suite.contains(c.suite)) {
            order.push_back(c.suite);
        }
        by_suite[c.suite].push_back(&c);
    }
    const auto totals = result.count();
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites name=\"harness verify\" tests=\""
        << totals.checks + totals.skipped + result.count_coverage().items + 1 << "\" failures=\""
        << totals.checks_failed + verdict_failures(result.verdict) << "\" time=\""
        << result.duration_ms / 1000.0 << "\">\n";
    for (const std::string& suite : order) {
        int tests = 0, failures = 0, skipped = 0;
        for (const auto* c : by_suite[suite]) {
            if (c->status == result::case_status::skipped) {
                ++tests;
                ++skipped;
                continue;
            }
            for (const auto& check : c->checks) {
                ++tests;
                failures += check.status == checks::check_status::failed ? 1 : 0;
                skipped += check.status == checks::check_status::skipped ? 1 : 0;
            }
        }
        out << "  <testsuite name=\"" << escape_markup(suite) << "\" tests=\"" << tests << "\" failures=\""
            << failures << "\" skipped=\"" << skipped << "\">\n";
        for (const auto* c : by_suite[suite]) {
            const std::string classname = escape_markup(suite + "." + c->name);
            if (c->status == result::case_status::skipped) {
                out << "    <testcase classname=\"" << classname << "\" name=\"case\" time=\"0\">\n"
                    << "      <skipped message=\"" << escape_markup(c->skip_reason)
                    << "\"/>\n    </testcase>\n";
                continue;
            }
            for (const auto& check : c->checks) {
                out << "    <testcase classname=\"" << classname << "\" name=\""
                    << escape_markup(check_label(check)) << "\" time=\"0\"";
                if (check.status == checks::check_status::passed) {
                    out << "/>\n";
                    continue;
                }
                out << ">\n";
                if (check.status == checks::check_status::skipped) {
                    out << "      <skipped message=\"" << escape_markup(check.message) << "\"/>\n";
                } else {
                    out << "      <failure message=\"" << escape_markup(check.message) << "\" type=\""
                        << escape_markup(check.check) << "\">";
                    std::string detail =
                        "expected: " + check.expected + "\nactual: " + check.actual + "\nrule: " + check.rule;
                    if (check.exchange >= 0 && check.exchange < static_cast<int>(c->exchanges.size())) {
                        const auto& request = c->exchanges[static_cast<std::size_t>(check.exchange)].request;
                        detail += "\nrequest: " + request.method + " " + request.target + "\n";
                        for (const auto& [name, value] : request.headers) {
                            detail += name + ": " + value + "\n";
                        }
                        detail += request.body.substr(0, 2000);
                    }
                    out << escape_markup(detail) << "</failure>\n";
                }
                out << "    </testcase>\n";
            }
        }
        out << "  </testsuite>\n";
    }
    write_coverage_suite(result, out);
    write_verdict_suite(result.verdict, out);
    out << "</testsuites>\n";
}

void write_junit(const harness::result::load_result& r, std::ostream& out) {
    const std::size_t failures = static_cast<std::size_t>(
        std::count_if(r.thresholds.begin(), r.thresholds.end(), [](const auto& t) { return !t.passed; }));
    const std::size_t tests = std::max<std::size_t>(1, r.thresholds.size());
    const findings_count findings = count_findings(r);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites name=\"harness load\" tests=\"" << tests + 1 + findings.tests << "\" failures=\""
        << failures + findings.failures + static_cast<std::size_t>(verdict_failures(r.verdict))
        << "\" time=\"" << r.measured_seconds << "\">\n";
    out << "  <testsuite name=\"load " << escape_markup(r.target) << "\" tests=\"" << tests
        << "\" failures=\"" << failures << "\">\n";
    if (r.thresholds.empty()) {
        out << "    <testcase classname=\"load\" name=\"accounting\" time=\"" << r.measured_seconds << "\"";
        if (r.stats.accounted() == r.stats.intended) {
            out << "/>\n";
        } else {
            out << "><failure message=\"requests lost from the accounting\"/></testcase>\n";
        }
    }
    for (const auto& t : r.thresholds) {
        out << "    <testcase classname=\"load.thresholds\" name=\"" << escape_markup(t.rule.text)
            << "\" time=\"0\"";
        if (t.passed) {
            out << "/>\n";
            continue;
        }
        const std::string actual = result::format_metric_value(t.rule, t.actual);
        out << ">\n      <failure message=\"" << escape_markup(t.rule.text) << " does not hold (actual "
            << escape_markup(actual) << ")\" type=\"threshold\">"
            << "actual: " << escape_markup(actual) << "</failure>\n    </testcase>\n";
    }
    out << "  </testsuite>\n";
    write_findings_suite(r, out);
    write_verdict_suite(r.verdict, out);
    out << "</testsuites>\n";
}

} // namespace harness::reports
