#include "html_summary.hpp"

#include "harness/result/time_text.hpp"
#include "html_parts.hpp"

#include <algorithm>
#include <ostream>

namespace harness::reports {

namespace {

// A cause and how often it failed: "<code>schema</code> ×3".
struct cause {
    std::string what;
    std::uint64_t count = 0;
};

void add_cause(std::vector<cause>& causes, const std::string& what, std::uint64_t count) {
    auto it = std::find_if(causes.begin(), causes.end(), [&](const cause& c) { return c.what == what; });
    if (it == causes.end()) {
        causes.push_back({what, count});
    } else {
        it->count += count;
    }
}

std::string causes_html(const std::vector<cause>& causes, const char* unit) {
    if (causes.empty()) {
        return "none";
    }
    std::string text;
    for (const cause& c : causes) {
        text += (text.empty() ? "" : "<br>") + std::string("<code>") + html(micro_sign(c.what)) +
                "</code> ×" + std::to_string(c.count) +
                (unit[0] != '\0' ? std::string(" ") + unit : std::string());
    }
    return text;
}

// A verify run's failures by check: in how many cases each check failed (copies of a step count once).
std::vector<cause> verify_causes(const result::verify_result& r) {
    std::vector<cause> causes;
    for (const auto& c : r.cases) {
        std::vector<std::string> seen;
        for (const auto& k : c.checks) {
            if (k.status == checks::check_status::failed &&
                std::find(seen.begin(), seen.end(), k.check) == seen.end()) {
                seen.push_back(k.check);
                add_cause(causes, k.check, 1);
            }
        }
    }
    return causes;
}

// A load run's failures: thresholds that did not hold, requests by fate, replies by rule they broke, the
// store.
std::vector<cause> load_causes(const harness::result::load_result& r) {
    std::vector<cause> causes;
    for (const auto& t : r.thresholds) {
        if (!t.passed) {
            add_cause(causes, "threshold " + t.rule.text, 1);
        }
    }
    for (std::size_t f = 1; f < harness::result::request_fate_count; ++f) {
        if (r.stats.fates[f] > 0) {
            add_cause(causes,
                      std::string(harness::result::to_string(static_cast<harness::result::request_fate>(f))),
                      r.stats.fates[f]);
        }
    }
    if (r.unexpected_statuses() > 0) {
        add_cause(causes, "status other than " + std::to_string(r.expected_status), r.unexpected_statuses());
    }
    for (const result::rule_violation& v : r.stats.violations) {
        add_cause(causes, v.rule, v.count);
    }
    if (r.store && !r.store->holds()) {
        add_cause(causes, "stored", 1);
    }
    return causes;
}

std::string duration(double us) {
    return html(micro_sign(result::format_duration_us(us)));
}

// p50 and p99, then each latency threshold with the value it judged and whether it held.
std::string latency_html(const harness::result::load_result& r) {
    std::string text = "p50 " + duration(static_cast<double>(r.stats.latency.value_at_percentile(50))) +
                       " · p99 " + duration(static_cast<double>(r.stats.latency.value_at_percentile(99)));
    for (const auto& t : r.thresholds) {
        if (result::is_latency(t.rule)) {
            text += "<br><code>" + html(micro_sign(t.rule.text)) + "</code> " + html_verdict(t.passed) +
                    " (" + html(micro_sign(result::format_metric_value(t.rule, t.actual))) + ")";
        }
    }
    return text;
}

void write_row(const std::string& run, const std::string& verdict, const std::string& coverage,
               const std::string& latency, const std::string& causes, std::ostream& out) {
    out << "<tr><td>" << run << "</td><td>" << verdict << "</td><td>" << coverage << "</td><td>" << latency
        << "</td><td>" << causes << "</td></tr>\n";
}

} // namespace

void write_summary(const std::vector<result::verify_result>& verify_runs,
                   const std::vector<harness::result::load_result>& load_runs, std::ostream& out) {
    out << "<section id=\"summary\"><table "
           "class=\"summary\"><tr><th>run</th><th>verdict</th><th>coverage</th>"
           "<th>p50 · p99 against thresholds</th><th>failures by cause</th></tr>\n";
    for (const auto& r : verify_runs) {
        const auto t = r.count();
        const auto c = r.count_coverage();
        const std::string coverage =
            r.coverage.empty() ? std::string("—")
                               : std::to_string(c.covered) + " of " + std::to_string(c.items) + " items";
        const std::string latency =
            r.under_load ? "under load: p50 " + duration(static_cast<double>(r.under_load->p50_us)) +
                               " · p99 " + duration(static_cast<double>(r.under_load->p99_us))
                         : std::string("—");
        write_row("verify <code>" + html(r.target) + "</code><br><small>" + std::to_string(t.passed) +
                      " passed, " + std::to_string(t.failed) + " failed, " + std::to_string(t.skipped) +
                      " skipped</small>",
                  html_verdict(r.verdict), coverage, latency, causes_html(verify_causes(r), "case(s)"), out);
    }
    for (const auto& r : load_runs) {
        write_row("load <code>" + html(r.target) + "</code><br><small>" + html(r.mode) + " loop, " +
                      std::to_string(r.stats.intended) + " requests</small>",
                  html_verdict(r.verdict), "—", latency_html(r), causes_html(load_causes(r), ""), out);
    }
    out << "</table></section>\n";
}

} // namespace harness::reports
