#include "console_writer.hpp"

#include "curl_text.hpp"
#include "failure_groups.hpp"
#include "unit_text.hpp"
#include "verdict_text.hpp"

#include <cstdio>
#include <iomanip>
#include <ostream>

namespace harness::reports {

namespace {

constexpr std::size_t curl_body_limit = 4096;

// A body as a failure shows it: on one line, at most 200 characters.
std::string trimmed(const std::string& body) {
    std::string text = body.size() > 200 ? body.substr(0, 200) + "…" : body;
    for (char& c : text) {
        c = c == '\n' || c == '\r' ? ' ' : c;
    }
    return text;
}

} // namespace

void write_console_header(const result::verify_result& result, std::ostream& out) {
    out << "verify " << result.target << "\n";
    if (!result.protocol.empty()) {
        out << "  protocol " << result.protocol << "\n";
    }
    out << "  contract " << result.contract << "\n  profile  " << result.profile << "\n";
    if (!result.harness_build.empty()) {
        out << "  harness  " << result.harness_build << "\n";
    }
    if (!result.run_id.empty()) {
        out << "  run id   " << result.run_id << " (--run-id repeats its keys)\n";
    }
    if (result.values_seed) {
        out << "  seed     " << *result.values_seed
            << " (--seed repeats the values suite's values and the explore suite's sequences)\n";
    }
    if (result.under_load_rate > 0) {
        out << "  load     " << result.under_load_rate
            << " req/s of valid sends in the background while every case runs (--under-load)\n";
    }
    out << "\n";
}

void write_console_case(const result::case_outcome& c, const std::string& previous_suite, std::ostream& out,
                        const std::string& base_url) {
    if (c.suite != previous_suite) {
        out << c.suite << "\n";
    }
    const char* mark = c.status == result::case_status::passed   ? "  ok    "
                       : c.status == result::case_status::failed ? "  FAIL  "
                                                                 : "  skip  ";
    out << mark << c.name;
    if (c.status == result::case_status::skipped) {
        out << "  (" << c.skip_reason << ")";
    }
    if (c.status == result::case_status::failed && c.under_load) {
        char at[64];
        std::snprintf(at, sizeof at, "  (under load, second %.1f of the load)", c.load_second);
        out << at;
    }
    out << "\n";
    // A note may span lines (an explored sequence's numbered steps): each is indented under the case.
    for (std::size_t start = 0; start < c.note.size();) {
        const std::size_t end = std::min(c.note.find('\n', start), c.note.size());
        out << "        " << c.note.substr(start, end - start) << "\n";
        start = end + 1;
    }
    for (const failure_group& g : failed_check_groups(c)) {
        const checks::check_outcome& check = *g.first;
        out << "        " << check.check << ": " << check.message << "\n";
        if (g.count > 1) {
            out << "          ×" << g.count << "     the same failure in " << g.count
                << " replies (the first shown)\n";
        }
        out << "          expected: " << check.expected << "\n";
        out << "          actual:   " << check.actual << "\n";
        out << "          rule:     " << check.rule << "\n";
        if (check.exchange >= 0 && check.exchange < static_cast<int>(c.exchanges.size())) {
            const auto& e = c.exchanges[static_cast<std::size_t>(check.exchange)];
            out << "          request:  " << e.request.method << " " << base_url << e.request.target << " "
                << trimmed(e.request.body) << "\n";
            if (e.outcome == http::outcome_kind::ok) {
                out << "          response: " << e.response.status << " " << trimmed(e.response.body) << "\n";
            }
            // A body too long to paste is left out of the command, and said so.
            if (!base_url.empty() && e.request.body.size() <= curl_body_limit) {
                out << "          curl:     " << curl_command(base_url, e.request) << "\n";
            } else if (!base_url.empty()) {
                out << "          curl:     (a body of " << e.request.body.size()
                    << " bytes: see the JSON result)\n";
            }
        }
    }
}

void write_console_under_load(const result::verify_result& result, std::ostream& out) {
    if (!result.under_load) {
        return;
    }
    const auto& l = *result.under_load;
    char line[512];
    std::snprintf(
        line, sizeof line,
        "\nunder load  %.0f req/s requested, %.1f achieved over %.1f s; latency p50 %s, p99 %s, max %s; "
        "%llu answered, %llu failed, %llu other statuses (%.2f%% failed)\n",
        l.requested_rate, l.achieved_rate, l.measured_seconds,
        duration_text(static_cast<double>(l.p50_us)).c_str(),
        duration_text(static_cast<double>(l.p99_us)).c_str(),
        duration_text(static_cast<double>(l.max_us)).c_str(), static_cast<unsigned long long>(l.answered),
        static_cast<unsigned long long>(l.failed), static_cast<unsigned long long>(l.unexpected_statuses),
        100.0 * l.error_ratio);
    out << line;
    if (l.connection_cap > 0) {
        out << "            pool: " << l.connections << " connections at time zero, " << l.connections_peak
            << " at most (cap " << l.connection_cap << ")\n";
    }
    if (!l.failures_by_class.empty()) {
        out << "            failures: " << l.failures_by_class << "\n";
    }
    if (!l.first_failure.empty()) {
        out << "            first failure: " << l.first_failure << "\n";
    }
    if (!l.limit_reason.empty()) {
        out << "            " << (l.limit == result::load_limit::target_slowed ? "" : "the background load ")
            << micro_sign(l.limit_reason) << "\n";
    }
    for (const result::case_outcome& c : result.cases) {
        if (!c.note.empty()) {
            out << "  FAIL  " << c.suite << " / " << c.name << ": " << c.note << "\n";
        }
    }
}

void write_console_totals(const result::verify_result& result, std::ostream& out) {
    const auto t = result.count();
    out << "\n"
        << verdict_word(result.verdict) << ": " << t.passed << " passed, " << t.failed << " failed, "
        << t.skipped << " skipped (" << t.cases << " cases, " << t.checks << " checks, " << t.checks_failed
        << " failed) in " << std::fixed << std::setprecision(0) << result.duration_ms << " ms\n";
    if (!result.verdict.passed() && !result.verdict.reason.empty()) {
        out << "verdict: " << to_string(result.verdict.kind) << ": " << micro_sign(result.verdict.reason)
            << "\n";
    }
}

void write_console(const result::verify_result& result, std::ostream& out) {
    write_console_header(result, out);
    std::string suite;
    for (const auto& c : result.cases) {
        write_console_case(c, suite, out, result.base_url);
        suite = c.suite;
    }
    write_console_totals(result, out);
}

} // namespace harness::reports
