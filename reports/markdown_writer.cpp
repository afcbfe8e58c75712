#include "markdown_writer.hpp"

#include "coverage_writer.hpp"
#include "failure_groups.hpp"
#include "harness/result/time_text.hpp"
#include "kind_table.hpp"
#include "load_findings.hpp"
#include "percentile_table.hpp"
#include "unit_text.hpp"

#include <array>
#include <cstdio>
#include <map>
#include <ostream>

namespace harness::reports {

using result::format_duration_us;

namespace {

// Table cells must not break the table: pipes escaped, newlines flattened, length bounded.
std::string cell(std::string_view text, std::size_t limit = 160) {
    std::string out;
    for (char c : text.substr(0, limit)) {
        if (c == '|') {
            out += "\\|";
        } else if (c == '\n' || c == '\r') {
            out += ' ';
        } else {
            out += c;
        }
    }
    if (text.size() > limit) {
        out += "…";
    }
    return out;
}

// "✅ passed", or the mark, the verdict and why: "❌ failed: 2 of 83 case(s) failed".
std::string verdict_words(const result::run_verdict& v) {
    const char* mark = v.kind == result::verdict_kind::passed        ? "✅ "
                       : v.kind == result::verdict_kind::interrupted ? "⏹ "
                       : v.kind == result::verdict_kind::failed      ? "❌ "
                                                                     : "⚠️ ";
    std::string words = mark + std::string(to_string(v.kind));
    if (!v.passed() && !v.reason.empty()) {
        words += ": " + cell(micro_sign(v.reason));
    }
    return words;
}

// A sample body in a table cell: a code span, unless it holds a backtick.
std::string code_cell(std::string_view text) {
    const std::string flat = cell(one_line(text), result::sample_body_bytes);
    return flat.find('`') == std::string::npos ? "`" + flat + "`" : flat;
}

// Each rule the checked replies broke with its sample, and the store's tally: findings of their own.
void write_load_findings(const harness::result::load_result& r, std::ostream& out) {
    if (!r.stats.violations.empty()) {
        out << "\n| rule | replies | rule text | sample reply |\n|---|---:|---|---|\n";
        for (const result::rule_violation& v : r.stats.violations) {
            out << "| `" << cell(v.rule) << "` | **" << v.count << "** | " << cell(v.rule_text) << " | "
                << cell(violation_sample(v))
                << (v.sample.body.empty() ? "" : "<br>" + code_cell(v.sample.body)) << " |\n";
        }
    }
    if (r.store) {
        const std::string problem = store_problem(*r.store);
        out << "\nStored: " << store_summary(*r.store)
            << (problem.empty() ? std::string(" ✅") : " ❌ **" + problem + "**") << "\n";
    }
}

// Which build judged the run; results written before versions were kept have none, and say nothing.
void write_build_line(const std::string& build, std::ostream& out) {
    if (!build.empty()) {
        out << "Judged by harness " << cell(build) << "\n\n";
    }
}

} // namespace

void write_markdown(const result::verify_result& r, std::ostream& out, std::string_view title) {
    const auto t = r.count();
    out << title << ": " << verdict_words(r.verdict) << "\n\n";
    out << "Target `" << cell(r.target) << "`" << (r.protocol.empty() ? "" : " over " + r.protocol)
        << " · contract `" << cell(r.contract) << "` · profile `" << cell(r.profile) << "`\n\n";
    write_build_line(r.harness_build, out);
    out << "**" << t.passed << " passed, " << t.failed << " failed, " << t.skipped << " skipped** ("
        << t.cases << " cases, " << t.checks << " checks)\n\n";
    out << "| suite | passed | failed | skipped |\n|---|---:|---:|---:|\n";
    for (const auto& n : r.count_by_suite()) {
        out << "| " << cell(n.suite) << " | " << n.passed << " | " << n.failed << " | " << n.skipped
            << " |\n";
    }
    bool heading = false;
    for (const auto& c : r.cases) {
        for (const failure_group& g : failed_check_groups(c)) {
            const checks::check_outcome& check = *g.first;
            if (!heading) {
                out << "\n### Failures\n\n| case | check | expected | actual | rule | request "
                       "|\n|---|---|---|---|---|---|\n";
                heading = true;
            }
            std::string request;
            if (check.exchange >= 0 && check.exchange < static_cast<int>(c.exchanges.size())) {
                const auto& e = c.exchanges[static_cast<std::size_t>(check.exchange)];
                request = "`" + cell(e.request.method + " " + e.request.target, 120) + "`";
            }
            const std::string times = g.count > 1 ? " ×" + std::to_string(g.count) : "";
            out << "| " << cell(c.suite + " / " + c.name) << " | `" << cell(check.check) << "`" << times
                << " | " << cell(check.expected) << " | " << cell(check.actual) << " | " << cell(check.rule)
                << " | " << request << " |\n";
        }
    }
    bool skipped_heading = false;
    for (const auto& c : r.cases) {
        if (c.status == result::case_status::skipped) {
            if (!skipped_heading) {
                out << "\n### Skipped\n\n";
                skipped_heading = true;
            }
            out << "- " << cell(c.suite + " / " + c.name) << ": " << cell(c.skip_reason) << "\n";
        }
    }
    write_markdown_coverage(r, out);
}

void write_markdown(const harness::result::load_result& r, std::ostream& out) {
    out << "## harness load: " << verdict_words(r.verdict) << "\n\n";
    for (const std::string& input : r.missing_inputs) {
        out << "**Missing:** `" << cell(input) << "` was not merged.\n\n";
    }
    for (int shard : r.missing_shards) {
        out << "**Missing:** shard " << shard << "/" << r.shard_count << ".\n\n";
    }
    const failed_requests_text failed = failed_requests(r);
    out << "**Failed requests: " << failed.share << "** " << failed.parts << "\n\n";
    out << "Target `" << cell(r.target) << "`" << (r.protocol.empty() ? "" : " over " + r.protocol) << " · "
        << r.mode << " loop · " << r.threads << " thread(s), " << r.connections_text() << " · "
        << r.measured_seconds << " s measured\n\n";
    write_build_line(r.harness_build, out);
    char line[256];
    std::snprintf(line, sizeof line,
                  "| requested rate | achieved rate | intended | answered | failed | too late |\n"
                  "|---:|---:|---:|---:|---:|---:|\n| %.1f/s | %.1f/s | %llu | %llu | %llu | %llu |\n\n",
                  r.requested_rate, r.achieved_rate, static_cast<unsigned long long>(r.stats.intended),
                  static_cast<unsigned long long>(r.stats.fates[0]),
                  static_cast<unsigned long long>(r.stats.sent_and_failed()),
                  static_cast<unsigned long long>(r.stats.count(harness::result::request_fate::too_late)));
    out << line;
    out << "| | latency" << (r.mode == "open" ? " (from intended send)" : "")
        << " | service time |\n|---|---:|---:|\n";
    for (const percentile_row& row : percentile_table(r)) {
        out << "| " << row.label << " | " << micro_sign(row.latency) << " | " << micro_sign(row.service)
            << " |\n";
    }
    out << "\n";
    out << "Contract: " << r.stats.validated << " replies checked, **" << r.stats.violating
        << "** broke it. Resends: " << r.stats.resends << " sent, " << r.stats.resend_mismatches
        << " mismatched.\n";
    write_load_findings(r, out);
    if (const std::vector<kind_row> rows = kind_rows(r); !rows.empty()) {
        out << "\nRequest kinds (`--mix " << cell(r.mix) << "`), each judged by its oracle:\n\n"
            << "| kind | expected | sent | held | broke | p50 | p99 | what broke |\n"
               "|---|---:|---:|---:|---:|---:|---:|---|\n";
        for (const kind_row& row : rows) {
            out << "| " << row.kind << " | " << row.expected_status << " | " << row.sent << " | " << row.held
                << " | " << (row.broke > 0 ? "**" + std::to_string(row.broke) + "**" : std::string("0"))
                << " | " << micro_sign(row.p50) << " | " << micro_sign(row.p99) << " | " << cell(row.problem)
                << " |\n";
        }
    }
    if (!r.thresholds.empty()) {
        out << "\n| threshold | actual | |\n|---|---:|---|\n";
        for (const auto& t : r.thresholds) {
            out << "| `" << cell(micro_sign(t.rule.text)) << "` | "
                << micro_sign(result::format_metric_value(t.rule, t.actual)) << " | "
                << (t.passed ? "✅" : "❌") << " |\n";
        }
    }
}

} // namespace harness::reports
