#include "html_writer.hpp"

#include "coverage_writer.hpp"
#include "harness/result/run_judgement.hpp"
#include "harness/result/time_text.hpp"
#include "html_cases.hpp"
#include "html_parts.hpp"
#include "html_summary.hpp"
#include "kind_table.hpp"
#include "load_findings.hpp"
#include "markup_escape.hpp"
#include "percentile_table.hpp"
#include "svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <ostream>
#include <tuple>

namespace harness::reports {

using result::format_duration_us;

namespace {

const char* style = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1000px;color:#1f2328;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0 16px;max-width:100%}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}td.result{white-space:nowrap}.failures td:first-child{min-width:6em}
th{background:#f6f8fa}.num{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}.skip{color:#9a6700;font-weight:600}
details{margin:4px 0 12px}summary{cursor:pointer}pre{background:#f6f8fa;padding:8px;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
table.summary{width:100%}
svg.chart{width:100%;height:auto;max-width:720px;display:block;margin:8px 0 20px}
svg .title{font-weight:600;font-size:13px}svg .tick{font-size:11px;fill:#57606a}svg .label{font-size:11px;fill:#57606a}
svg .grid{stroke:#eaeef2}svg .axis{stroke:#8c959f}
@media (min-width:900px){td{overflow-wrap:break-word}}
)";

// verify --under-load: the background load's latency over time, with the seconds in which a case failed
// marked.
void write_background_load(const result::verify_result& r, std::size_t index, std::ostream& out) {
    if (!r.under_load || r.under_load->timeline.empty()) {
        return;
    }
    const auto& l = *r.under_load;
    char line[256];
    std::snprintf(line, sizeof line, "%.0f req/s requested, %.1f achieved; p50 %s, p99 %s", l.requested_rate,
                  l.achieved_rate, format_duration_us(static_cast<double>(l.p50_us)).c_str(),
                  format_duration_us(static_cast<double>(l.p99_us)).c_str());
    out << "<h3>Under load</h3>\n<p>Valid sends in the background while the cases ran: "
        << html(micro_sign(line)) << ".</p>\n";
    chart_series p50{"p50", "#2da44e", {}};
    chart_series p99{"p99", "#bf8700", {}};
    for (const auto& e : l.timeline) {
        p50.points.emplace_back(e.second, static_cast<double>(e.p50_us) / 1000.0);
        p99.points.emplace_back(e.second, static_cast<double>(e.p99_us) / 1000.0);
    }
    chart_axes axes{
        "Background load: latency over time", "second of the load", "ms", {}, {}, "a case failed", {}};
    for (const auto& c : r.cases) {
        if (c.status == result::case_status::failed && c.under_load) {
            const double second = std::floor(c.load_second);
            axes.marked.emplace_back(second, second + 1.0);
        }
    }
    out << line_chart(axes, {p50, p99}, "verify-" + std::to_string(index) + "-under-load") << "\n";
}

// Every rule of the profile with the checks that observe it and whether the run covered it: the rules no
// check observes say so, apart from those the run did not exercise.
void write_rule_table(const result::verify_result& r, std::ostream& out) {
    out << "<table><tr><th>rule of the profile</th><th>checks</th><th>covered</th></tr>\n";
    for (const result::coverage_entry& e : r.coverage) {
        if (e.area != "rule") {
            continue;
        }
        const char* cls = e.covered ? "pass" : "skip";
        out << "<tr><td class=\"" << cls << "\">" << html(e.id) << "</td><td>" << html(rule_checks_text(e))
            << "</td><td>"
            << (e.covered        ? "yes"
                : uncheckable(e) ? "uncovered"
                                 : "not in this run")
            << "</td></tr>\n";
    }
    out << "</table>\n";
}

// The coverage table: areas with their counts, then every item not covered and why (the covered ones folded).
void write_coverage(const result::verify_result& r, std::ostream& out) {
    if (r.coverage.empty()) {
        return;
    }
    out << "<h3>Coverage</h3>\n<p>" << html(coverage_headline(r)) << "</p>\n";
    out << "<table><tr><th>area</th><th class=\"num\">covered</th><th class=\"num\">items</th></tr>\n";
    for (const area_count& a : coverage_by_area(r)) {
        out << "<tr><td>" << html(a.area) << "</td><td class=\"num\">" << a.covered
            << "</td><td class=\"num\">" << a.items << "</td></tr>\n";
    }
    out << "</table>\n<table><tr><th>not covered</th><th>why not</th></tr>\n";
    // Items sharing one reason (every item of the suites not run) are one row, listed folded: the page stays
    // readable when a run chose one suite.
    std::vector<std::pair<std::string, std::vector<std::string>>> by_reason;
    for (const result::coverage_entry& e : r.coverage) {
        if (e.covered) {
            continue;
        }
        auto it = std::find_if(by_reason.begin(), by_reason.end(),
                               [&](const auto& group) { return group.first == e.why_not; });
        if (it == by_reason.end()) {
            by_reason.push_back({e.why_not, {e.id}});
        } else {
            it->second.push_back(e.id);
        }
    }
    for (const auto& [why, ids] : by_reason) {
        if (ids.size() < 5) {
            for (const std::string& id : ids) {
                out << "<tr><td class=\"skip\">" << html(id) << "</td><td>" << html(why) << "</td></tr>\n";
            }
            continue;
        }
        out << "<tr><td class=\"skip\"><details><summary>" << ids.size() << " items</summary>";
        for (const std::string& id : ids) {
            out << html(id) << "<br>";
        }
        out << "</details></td><td>" << html(why) << "</td></tr>\n";
    }
    out << "</table>\n<details><summary>covered items</summary><ul>";
    for (const result::coverage_entry& e : r.coverage) {
        if (e.covered) {
            out << "<li>" << html(e.id) << ": " << html(e.description) << "</li>";
        }
    }
    out << "</ul></details>\n";
    write_rule_table(r, out);
}

void write_verify(const result::verify_result& r, std::size_t index, std::ostream& out) {
    const auto t = r.count();
    out << "<h2>verify " << html_verdict(r.verdict) << "</h2>\n<p>Target <code>" << html(r.target)
        << "</code>" << (r.protocol.empty() ? std::string() : " over " + html(r.protocol))
        << " · contract <code>" << html(r.contract) << "</code> · profile <code>" << html(r.profile)
        << "</code> · started " << html(r.started_at) << html_build(r.harness_build) << "</p>\n<p><b>"
        << t.passed << " passed, " << t.failed << " failed, " << t.skipped << " skipped</b> (" << t.cases
        << " cases, " << t.checks << " checks, " << t.checks_failed << " failed)</p>\n";
    std::vector<bar> bars;
    for (const auto& s : r.count_by_suite()) {
        for (const auto& [count, words, colour] :
             {std::tuple{s.passed, " passed", "#2da44e"}, std::tuple{s.failed, " failed", "#cf222e"},
              std::tuple{s.skipped, " skipped", "#bf8700"}}) {
            if (count > 0) {
                bars.push_back({s.suite + words, static_cast<double>(count), colour});
            }
        }
    }
    out << bar_chart("Cases by suite", bars, "verify-" + std::to_string(index) + "-suites") << "\n";
    write_case_tables(r, out);
    write_background_load(r, index, out);
    write_coverage(r, out);
}

// The latency thresholds of a run, as lines on the charts of latency they judge (in ms, as those charts are).
std::vector<reference_line> latency_threshold_lines(const harness::result::load_result& r) {
    std::vector<reference_line> lines;
    for (const auto& t : r.thresholds) {
        if (result::is_latency(t.rule)) {
            lines.push_back({t.rule.limit / 1000.0, "threshold " + micro_sign(t.rule.text),
                             t.passed ? "#57606a" : "#cf222e"});
        }
    }
    return lines;
}

// The run's charts: latency by percentile (HDR axis), latency and throughput over time, statuses and errors.
void write_load_charts(const harness::result::load_result& r, const std::string& id, std::ostream& out) {
    // Percentile distribution on an "HDR" axis: x = -log10(1 - p), so 90%, 99%, 99.9%… are evenly spaced.
    const double x_end = std::clamp(
        std::log10(std::max<double>(10, static_cast<double>(r.stats.latency.total_count()))), 1.0, 5.0);
    chart_series latency{"latency", "#0969da", {}};
    chart_series service{"service time", "#8250df", {}};
    for (double x = 0; x <= x_end + 1e-9; x += 0.05) {
        const double p = 100.0 * (1.0 - std::pow(10.0, -x));
        latency.points.emplace_back(x, static_cast<double>(r.stats.latency.value_at_percentile(p)) / 1000.0);
        service.points.emplace_back(x, static_cast<double>(r.stats.service.value_at_percentile(p)) / 1000.0);
    }
    chart_axes hdr_axes{"Latency by percentile", "percentile", "ms", {}, {}, "", {}};
    const char* labels[] = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
    for (int i = 0; i <= 5; ++i) {
        hdr_axes.x_ticks.emplace_back(i, labels[i]);
    }
    hdr_axes.lines = latency_threshold_lines(r);
    out << line_chart(hdr_axes, {latency, service}, id + "-percentiles") << "\n";
    chart_series p50{"p50", "#2da44e", {}};
    chart_series p99{"p99", "#bf8700", {}};
    chart_series max{"max", "#cf222e", {}};
    chart_series answered{"answered/s", "#0969da", {}};
    // Drawn dashed over answered/s: when the target keeps up the two lie on each other and both stay visible.
    chart_series requested{"requested/s", "#8250df", {}, true};
    for (const auto& e : r.timeline) {
        const double second = e.second;
        p50.points.emplace_back(second, static_cast<double>(e.p50_us) / 1000.0);
        p99.points.emplace_back(second, static_cast<double>(e.p99_us) / 1000.0);
        max.points.emplace_back(second, static_cast<double>(e.max_us) / 1000.0);
        // A second the run ended in is partial: its count is not a rate.
        if (second + 1.0 > r.warmup_seconds + r.measured_seconds + 1e-6) {
            continue;
        }
        answered.points.emplace_back(second, static_cast<double>(e.requests));
        if (r.mode == "open") {
            requested.points.emplace_back(second, e.requested_rate);
        }
    }
    chart_axes latency_axes{"Latency over time (each second)", "second", "ms", {}, {}, "", {}};
    latency_axes.lines = latency_threshold_lines(r);
    latency_axes.bands = class_bands(r); // each second's failures by class, in the class's words
    out << line_chart(latency_axes, {p50, p99, max}, id + "-latency-time") << "\n";
    chart_axes throughput_axes{"Throughput over time", "second", "requests per second", {}, {}, "", {}, true};
    for (const auto& t : r.thresholds) {
        if (t.rule.metric == "rate" && r.requested_rate > 0) {
            throughput_axes.lines.push_back({t.rule.limit * r.requested_rate, "threshold " + t.rule.text,
                                             t.passed ? "#57606a" : "#cf222e"});
        }
    }
    out << line_chart(throughput_axes, {answered, requested}, id + "-throughput") << "\n";
    std::vector<bar> bars;
    for (std::size_t s = 0; s < r.stats.statuses.size(); ++s) {
        if (r.stats.statuses[s] > 0) {
            bars.push_back({"HTTP " + std::to_string(s), static_cast<double>(r.stats.statuses[s]),
                            s < 300   ? "#2da44e"
                            : s < 500 ? "#bf8700"
                                      : "#cf222e"});
        }
    }
    for (std::size_t f = 1; f < harness::result::request_fate_count; ++f) {
        if (r.stats.fates[f] > 0) {
            bars.push_back(
                {std::string(harness::result::to_string(static_cast<harness::result::request_fate>(f))),
                 static_cast<double>(r.stats.fates[f]), "#cf222e"});
        }
    }
    out << bar_chart("Statuses and errors", bars, id + "-statuses") << "\n";
}

// Each rule the checked replies broke, with its sample reply, and the store's tally: findings of their own.
void write_load_findings(const harness::result::load_result& r, std::ostream& out) {
    if (!r.stats.violations.empty()) {
        out << "<h3>Violations by rule</h3>\n<table><tr><th>rule</th>"
               "<th class=\"num\" style=\"white-space:nowrap\">replies</th>"
               "<th>what it breaks, and the first reply that broke it</th></tr>\n";
        for (const result::rule_violation& v : r.stats.violations) {
            out << "<tr><td><code>" << html(v.rule) << "</code></td><td class=\"fail num\">" << v.count
                << "</td><td>" << html(v.rule_text) << "<br><small>" << html(violation_sample(v))
                << "</small>" << (v.sample.body.empty() ? "" : "<pre>" + html(v.sample.body) + "</pre>")
                << "</td></tr>\n";
        }
        out << "</table>\n";
    }
    if (r.store) {
        const std::string problem = store_problem(*r.store);
        out << "<p><b>Stored</b> " << html_verdict(problem.empty()) << ": " << html(store_summary(*r.store))
            << (problem.empty() ? "" : " — " + html(problem)) << "</p>\n";
    }
}

void write_load(const harness::result::load_result& r, std::size_t index, std::ostream& out) {
    const std::string id = "load-" + std::to_string(index);
    out << "<h2>load " << html_verdict(r.verdict) << "</h2>\n<p>Target <code>" << html(r.target) << "</code>"
        << (r.protocol.empty() ? std::string() : " over " + html(r.protocol)) << " · " << html(r.mode)
        << " loop · " << r.threads << " thread(s), " << html(r.connections_text()) << " · started "
        << html(r.started_at) << html_build(r.harness_build) << "</p>\n";
    const failed_requests_text failed = failed_requests(r);
    out << "<p><b>Failed requests: " << failed.share << "</b> " << failed.parts << "</p>\n";
    char line[512];
    std::snprintf(
        line, sizeof line,
        "<table><tr><th>requested rate</th><th>achieved "
        "rate</th><th>intended</th><th>answered</th><th>failed</th>"
        "<th>too late</th><th>contract violations</th><th>resend mismatches</th></tr><tr><td "
        "class=\"num\">%.1f/s</td>"
        "<td class=\"num\">%.1f/s</td><td class=\"num\">%llu</td><td class=\"num\">%llu</td><td "
        "class=\"num\">%llu</td>"
        "<td class=\"num\">%llu</td><td class=\"num\">%llu</td><td class=\"num\">%llu</td></tr></table>\n",
        r.requested_rate, r.achieved_rate, static_cast<unsigned long long>(r.stats.intended),
        static_cast<unsigned long long>(r.stats.fates[0]),
        static_cast<unsigned long long>(r.stats.sent_and_failed()),
        static_cast<unsigned long long>(r.stats.count(harness::result::request_fate::too_late)),
        static_cast<unsigned long long>(r.stats.violating),
        static_cast<unsigned long long>(r.stats.resend_mismatches));
    out << line;
    write_load_findings(r, out);
    write_load_charts(r, id, out);
    out << "<table><tr><th></th><th>latency</th><th>service time</th></tr>";
    for (const percentile_row& row : percentile_table(r)) {
        out << "<tr><td>" << row.label << "</td><td class=\"num\">" << micro_sign(row.latency)
            << "</td><td class=\"num\">" << micro_sign(row.service) << "</td></tr>";
    }
    out << "</table>\n";
    if (const std::vector<kind_row> rows = kind_rows(r); !rows.empty()) {
        out << "<h3>Request kinds</h3>\n<p>Mix <code>" << html(r.mix)
            << "</code>: each reply judged by its kind's "
               "oracle.</p>\n<table><tr><th>kind</th><th>expected</th>"
               "<th>sent</th><th>held</th><th>broke</th><th>p50</th><th>p99</th><th>what broke</th></tr>\n";
        for (const kind_row& row : rows) {
            out << "<tr><td>" << html(row.kind) << "</td><td class=\"num\">" << row.expected_status
                << "</td><td class=\"num\">" << row.sent << "</td><td class=\"num\">" << row.held
                << "</td><td class=\"" << (row.broke > 0 ? "fail num" : "num") << "\">" << row.broke
                << "</td><td class=\"num\">" << micro_sign(row.p50) << "</td><td class=\"num\">"
                << micro_sign(row.p99) << "</td><td>" << html(row.problem) << "</td></tr>\n";
        }
        out << "</table>\n";
    }
    if (!r.thresholds.empty()) {
        out << "<table><tr><th>threshold</th><th>actual</th><th></th></tr>";
        for (const auto& t : r.thresholds) {
            out << "<tr><td><code>" << html(micro_sign(t.rule.text)) << "</code></td><td class=\"num\">"
                << html(micro_sign(result::format_metric_value(t.rule, t.actual))) << "</td><td>"
                << html_verdict(t.passed) << "</td></tr>";
        }
        out << "</table>\n";
    }
}

} // namespace

void write_html(const std::vector<result::verify_result>& verify_runs,
                const std::vector<harness::result::load_result>& load_runs, std::ostream& out) {
    std::vector<result::run_verdict> verdicts;
    for (const auto& v : verify_runs) {
        verdicts.push_back(v.verdict);
    }
    for (const auto& l : load_runs) {
        verdicts.push_back(l.verdict);
    }
    const result::run_verdict overall = result::combine_verdicts(verdicts);
    out << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
           "content=\"width=device-width,initial-scale=1\"><title>harness report</title><style>"
        << style << "</style></head><body>\n<h1>harness report: " << html_verdict(overall) << "</h1>\n";
    write_summary(verify_runs, load_runs, out);
    for (std::size_t i = 0; i < verify_runs.size(); ++i) {
        write_verify(verify_runs[i], i, out);
    }
    for (std::size_t i = 0; i < load_runs.size(); ++i) {
        write_load(load_runs[i], i, out);
    }
    out << "</body></html>\n";
}

} // namespace harness::reports
