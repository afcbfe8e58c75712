#include "junit_writer.hpp"

#include "coverage_writer.hpp"
#include "failure_groups.hpp"
#include "load_findings.hpp"
#include "markup_escape.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace harness::reports {

namespace {

// A <testsuite> opening tag, then the build that judged the run as the suite's one property (harnessVersion):
// the common JUnit schema keeps properties per testsuite, none on testsuites, and CI dashboards show them
// with the suite. skipped < 0 leaves that attribute out; a result written before versions has no property.
void open_suite(const std::string& name, std::size_t tests, std::size_t failures, long skipped,
                const std::string& build, std::ostream& out) {
    out << "  <testsuite name=\"" << escape_markup(name) << "\" tests=\"" << tests << "\" failures=\""
        << failures << "\"";
    if (skipped >= 0) {
        out << " skipped=\"" << skipped << "\"";
    }
    out << ">\n";
    if (!build.empty()) {
        out << "    <properties>\n      <property name=\"harnessVersion\" value=\"" << escape_markup(build)
            << "\"/>\n    </properties>\n";
    }
}

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
    open_suite("coverage", static_cast<std::size_t>(t.items), 0, static_cast<long>(t.items - t.covered),
               result.harness_build, out);
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
void write_verdict_suite(const result::run_verdict& verdict, const std::string& build, std::ostream& out) {
    const bool failed = !verdict.passed();
    open_suite("verdict", 1, failed ? 1 : 0, -1, build, out);
    out << "    <testcase classname=\"harness.verdict\" name=\"" << to_string(verdict.kind)
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
    open_suite("load findings", n.tests, n.failures, -1, r.harness_build, out);
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

// The request of a failed check, redacted as the run recorded it; empty when the check saw no exchange.
std::string request_text(const result::case_outcome& c, const checks::check_outcome& check) {
    if (check.exchange < 0 || check.exchange >= static_cast<int>(c.exchanges.size())) {
        return {};
    }
    const auto& request = c.exchanges[static_cast<std::size_t>(check.exchange)].request;
    std::string text = "request: " + request.method + " " + request.target + "\n";
    for (const auto& [name, value] : request.headers) {
        text += name + ": " + value + "\n";
    }
    return text + request.body.substr(0, 2000);
}

std::string failure_detail(const checks::check_outcome& check) {
    return "expected: " + check.expected + "\nactual: " + check.actual + "\nrule: " + check.rule;
}

struct suite_cases {
    std::string name;
    std::vector<const result::case_outcome*> cases;
};

// The suites in the order the run first met them, each with its cases in run order.
std::vector<suite_cases> cases_by_suite(const result::verify_result& result) {
    std::vector<suite_cases> suites;
    for (const auto& c : result.cases) {
        auto it =
            std::find_if(suites.begin(), suites.end(), [&](const auto& s) { return s.name == c.suite; });
        if (it == suites.end()) {
            suites.push_back({c.suite, {}});
            it = suites.end() - 1;
        }
        it->cases.push_back(&c);
    }
    return suites;
}

// The shape --junit-per-check keeps: a testcase per check of each case (a skipped case is one testcase).
void write_suite_per_check(const suite_cases& suite, const std::string& build, std::ostream& out) {
    int tests = 0, failures = 0, skipped = 0;
    for (const auto* c : suite.cases) {
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
    open_suite(suite.name, static_cast<std::size_t>(tests), static_cast<std::size_t>(failures), skipped,
               build, out);
    for (const auto* c : suite.cases) {
        const std::string classname = escape_markup(suite.name + "." + c->name);
        if (c->status == result::case_status::skipped) {
            out << "    <testcase classname=\"" << classname << "\" name=\"case\" time=\"0\">\n"
                << "      <skipped message=\"" << escape_markup(c->skip_reason) << "\"/>\n    </testcase>\n";
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
                const std::string request = request_text(*c, check);
                out << "      <failure message=\"" << escape_markup(check.message) << "\" type=\""
                    << escape_markup(check.check) << "\">"
                    << escape_markup(failure_detail(check) + (request.empty() ? "" : "\n" + request))
                    << "</failure>\n";
            }
            out << "    </testcase>\n";
        }
    }
    out << "  </testsuite>\n";
}

// A failing case's one <failure>: the message names its failed checks, a cause repeated by copies of a step
// once with ×N; the text gives each cause's expected, actual and rule, then the first failed exchange's
// request.
void write_case_failure(const result::case_outcome& c, std::ostream& out) {
    const std::vector<failure_group> groups = failed_check_groups(c);
    std::string message, detail, request, type = "case";
    for (const failure_group& g : groups) {
        const std::string times = g.count > 1 ? " ×" + std::to_string(g.count) : "";
        message += (message.empty() ? "" : "; ") + g.first->message + times;
        detail += (detail.empty() ? "" : "\n\n") + g.first->check + times + ": " + g.first->message + "\n" +
                  failure_detail(*g.first);
        if (request.empty()) {
            request = request_text(c, *g.first);
            type = g.first->check;
        }
    }
    if (groups.empty()) {
        message = c.note.empty() ? "the case failed" : c.note; // failed with no check of its own failing
    }
    if (!request.empty()) {
        detail += "\n\n" + request;
    }
    out << "      <failure message=\"" << escape_markup(message) << "\" type=\"" << escape_markup(type)
        << "\">" << escape_markup(detail) << "</failure>\n";
}

// The default shape: a testcase per case, as CI dashboards list tests; its checks are what it asserts.
void write_suite_per_case(const suite_cases& suite, const std::string& build, std::ostream& out) {
    int failures = 0, skipped = 0;
    for (const auto* c : suite.cases) {
        failures += c->status == result::case_status::failed ? 1 : 0;
        skipped += c->status == result::case_status::skipped ? 1 : 0;
    }
    open_suite(suite.name, suite.cases.size(), static_cast<std::size_t>(failures), skipped, build, out);
    for (const auto* c : suite.cases) {
        out << "    <testcase classname=\"" << escape_markup(suite.name) << "\" name=\""
            << escape_markup(c->name) << "\" time=\"" << c->duration_ms / 1000.0 << "\"";
        if (c->status == result::case_status::passed) {
            out << "/>\n";
            continue;
        }
        out << ">\n";
        if (c->status == result::case_status::skipped) {
            out << "      <skipped message=\"" << escape_markup(c->skip_reason) << "\"/>\n";
        } else {
            write_case_failure(*c, out);
        }
        out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
}

} // namespace

void write_junit(const result::verify_result& result, std::ostream& out, junit_shape shape) {
    const auto totals = result.count();
    const bool per_check = shape == junit_shape::per_check;
    const int tests = per_check ? totals.checks + totals.skipped : totals.cases;
    const int failures = per_check ? totals.checks_failed : totals.failed;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites name=\"harness verify\" tests=\"" << tests + result.count_coverage().items + 1
        << "\" failures=\"" << failures + verdict_failures(result.verdict) << "\" time=\""
        << result.duration_ms / 1000.0 << "\">\n";
    for (const suite_cases& suite : cases_by_suite(result)) {
        per_check ? write_suite_per_check(suite, result.harness_build, out)
                  : write_suite_per_case(suite, result.harness_build, out);
    }
    write_coverage_suite(result, out);
    write_verdict_suite(result.verdict, result.harness_build, out);
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
    open_suite("load " + r.target, tests, failures, -1, r.harness_build, out);
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
    write_verdict_suite(r.verdict, r.harness_build, out);
    out << "</testsuites>\n";
}

} // namespace harness::reports
