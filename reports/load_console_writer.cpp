#include "load_console_writer.hpp"

#include "kind_table.hpp"
#include "load_findings.hpp"
#include "percentile_table.hpp"
#include "unit_text.hpp"
#include "verdict_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ostream>
#include <tuple>

namespace harness::reports {

namespace {

// Rates, the accounting of every intended request, set-up and the generator's own lateness.
void write_accounting(const result::load_result& r, std::ostream& out) {
    char line[256];
    out << "load " << r.target << " (" << (r.protocol.empty() ? "" : r.protocol + ", ") << r.mode << " loop, "
        << r.threads << " thread(s), " << r.connections_text() << (r.interrupted ? ", interrupted" : "")
        << ")\n";
    if (!r.harness_build.empty()) {
        out << "  harness   " << r.harness_build << "\n";
    }
    if (!r.run_id.empty()) {
        out << "  run id    " << r.run_id << "\n";
    }
    if (r.mode == "open") {
        std::snprintf(line, sizeof line,
                      "  rate      requested %.1f req/s   achieved %.1f req/s   (%.1f%%)\n", r.requested_rate,
                      r.achieved_rate,
                      r.requested_rate > 0 ? 100.0 * r.achieved_rate / r.requested_rate : 0.0);
    } else {
        std::snprintf(line, sizeof line,
                      "  rate      achieved %.1f req/s (closed loop: as fast as replies allow)\n",
                      r.achieved_rate);
    }
    out << line;
    std::snprintf(
        line, sizeof line, "  requests  %llu intended, %llu answered, %llu failed, %llu too late to send\n",
        static_cast<unsigned long long>(r.stats.intended), static_cast<unsigned long long>(r.stats.fates[0]),
        static_cast<unsigned long long>(r.stats.sent_and_failed()),
        static_cast<unsigned long long>(r.stats.count(result::request_fate::too_late)));
    out << line;
    if (const std::uint64_t unexpected = r.unexpected_statuses(); unexpected > 0) {
        out << "            " << unexpected << " answered with another status than " << r.expected_status
            << ": failed requests\n";
    }
    std::snprintf(line, sizeof line, "  failed    %.2f%% of intended requests\n", 100.0 * r.error_ratio());
    out << line;
    if (r.warmup_seconds > 0) {
        std::snprintf(
            line, sizeof line,
            "  warmup    %llu requests in the first %s, sent but not measured (part of --duration)\n",
            static_cast<unsigned long long>(r.stats.warmup), duration_text(r.warmup_seconds * 1e6).c_str());
        out << line;
    }
    if (r.setup_seconds > 0) {
        std::snprintf(line, sizeof line,
                      "  set-up    %d connections opened in %s before time zero (not measured)\n",
                      r.connections, duration_text(r.setup_seconds * 1e6).c_str());
        out << line;
    }
    if (r.stats.generator_lag.total_count() > 0) {
        std::snprintf(
            line, sizeof line, "  generator late by p50 %s, p99 %s, max %s (its own, not the target's)\n",
            duration_text(static_cast<double>(r.stats.generator_lag.value_at_percentile(50))).c_str(),
            duration_text(static_cast<double>(r.stats.generator_lag.value_at_percentile(99))).c_str(),
            duration_text(static_cast<double>(r.stats.generator_lag.max())).c_str());
        out << line;
    }
    if (r.generator_fell_behind()) {
        out << "  WARNING   the generator fell behind, not the target: requests left late because its thread "
               "was\n"
               "            busy (a loaded CPU?), and the latency below includes that wait. Free a core, add "
               "--threads\n"
               "            or lower the rate before reading it as the target's.\n";
    }
}

// The open loop's pool: where it started, how far it may grow and did, and why the cap is what it is.
void write_pool(const result::load_result& r, std::ostream& out) {
    if (r.connection_cap <= 0) {
        return;
    }
    out << "  pool      " << r.connections << " connections at time zero, cap " << r.connection_cap;
    if (r.cap_allowance_seconds > 0) {
        out << " (the peak rate × " << duration_text(r.cap_allowance_seconds * 1e6)
            << " latency allowance; --connection-cap sets it)";
    }
    out << "; " << r.stats.pool.peak << " at most, " << r.stats.pool.opened_mid_run
        << " opened mid-run (their connect time is in their requests' latency)\n";
    if (r.stats.pool.too_late_at_cap > 0) {
        out << "            " << r.stats.pool.too_late_at_cap
            << " request(s) too late to send with every connection of the cap busy\n";
    }
}

void write_latency(const result::load_result& r, std::ostream& out) {
    char line[256];
    out << "\n  latency "
        << (r.mode == "open" ? "(from the intended send time, coordinated omission corrected)"
                             : "(from the send time)")
        << " and service time (from the actual send):\n";
    std::snprintf(line, sizeof line, "  %-9s %14s %14s\n", "", "latency", "service");
    out << line;
    for (const percentile_row& row : percentile_table(r)) {
        std::snprintf(line, sizeof line, "  %-9s %s %s\n", row.label.c_str(),
                      right_aligned(micro_sign(row.latency), 14).c_str(),
                      right_aligned(micro_sign(row.service), 14).c_str());
        out << line;
    }
}

// New sends answered as replays of another key's message: their own class, never folded into the others.
void write_replays(const result::load_result& r, std::ostream& out) {
    if (r.stats.replay_checked == 0 && r.stats.replayed == 0) {
        return;
    }
    out << "  replayed  " << r.stats.replayed
        << " new send(s) answered with a messageUuid another key got first (" << r.stats.replay_checked
        << " replies checked"
        << (r.stats.replay_check_stopped ? "; the check stopped when its table filled" : "") << ")\n";
    if (!r.stats.first_replay.empty()) {
        out << "            first: " << r.stats.first_replay << "\n";
    }
}

// Each rule the checked replies broke: how many, the rule, and one sample reply (redacted, cut short).
void write_violations(const result::load_result& r, std::ostream& out) {
    for (const result::rule_violation& v : r.stats.violations) {
        out << "  BROKE     " << violation_headline(v)
            << (v.rule_text.empty() ? std::string() : " (" + v.rule_text + ")") << "\n"
            << "            e.g. " << violation_sample(v) << "\n";
        if (!v.sample.body.empty()) {
            out << "            body " << one_line(v.sample.body) << "\n";
        }
    }
}

// Statuses, failures by class, the contract checks and the resend comparison.
void write_outcomes(const result::load_result& r, std::ostream& out) {
    char line[256];
    out << "\n  statuses ";
    for (std::size_t s = 0; s < r.stats.statuses.size(); ++s) {
        if (r.stats.statuses[s] > 0) {
            out << " " << s << ":" << r.stats.statuses[s];
        }
    }
    out << "\n  errors   ";
    for (std::size_t f = 1; f < result::request_fate_count; ++f) {
        const auto fate = static_cast<result::request_fate>(f);
        if (result::http2_only(fate) && r.stats.fates[f] == 0 && r.protocol != "HTTP/2") {
            continue;
        }
        out << " " << result::to_string(fate) << ":" << r.stats.fates[f];
    }
    if (!r.stats.first_failure.empty()) {
        out << "\n            first: " << r.stats.first_failure;
    }
    std::snprintf(line, sizeof line, "\n  contract  %llu replies checked (1 in %zu), %llu broke it\n",
                  static_cast<unsigned long long>(r.stats.validated), r.validate_every,
                  static_cast<unsigned long long>(r.stats.violating));
    out << (r.validate_every == 0 ? std::string("\n  contract  not checked (--validate-sample 0)\n")
                                  : std::string(line));
    if (r.stats.not_validated > 0) {
        out << "            " << r.stats.not_validated
            << " sampled replies not checked: the validator fell behind\n";
    }
    write_violations(r, out);
    if (r.store) {
        out << "  stored    " << store_summary(*r.store) << "\n";
        if (const std::string problem = store_problem(*r.store); !problem.empty()) {
            out << "  BROKE     " << problem << "\n";
        }
    }
    if (r.resend_ratio > 0) {
        std::snprintf(line, sizeof line,
                      "  resends   %llu sent, %llu checked, %llu got other data than the first reply\n",
                      static_cast<unsigned long long>(r.stats.resends),
                      static_cast<unsigned long long>(r.stats.resends_checked),
                      static_cast<unsigned long long>(r.stats.resend_mismatches));
        out << line;
    }
    write_replays(r, out);
}

// A mix: each kind with its oracle's status, how many held it, and its own latency.
void write_kinds(const result::load_result& r, std::ostream& out) {
    const std::vector<kind_row> rows = kind_rows(r);
    if (rows.empty()) {
        return;
    }
    out << "\n  request kinds (--mix " << r.mix << "), each reply judged by its kind's oracle:\n";
    char line[256];
    std::snprintf(line, sizeof line, "  %-22s %9s %9s %9s %9s %10s %10s\n", "kind", "expected", "sent",
                  "held", "broke", "p50", "p99");
    out << line;
    for (const kind_row& row : rows) {
        std::snprintf(line, sizeof line, "  %-22s %9d %9llu %9llu %9llu %s %s\n", row.kind.c_str(),
                      row.expected_status, static_cast<unsigned long long>(row.sent),
                      static_cast<unsigned long long>(row.held), static_cast<unsigned long long>(row.broke),
                      right_aligned(micro_sign(row.p50), 10).c_str(),
                      right_aligned(micro_sign(row.p99), 10).c_str());
        out << line;
    }
    for (const kind_row& row : rows) {
        if (!row.problem.empty()) {
            out << "  BROKE     " << row.kind << ": " << row.problem << "\n";
        }
    }
}

// Thresholds, what a merge misses, and the verdict.
void write_verdict(const result::load_result& r, std::ostream& out) {
    if (!r.thresholds.empty()) {
        out << "\n  thresholds\n";
        for (const auto& t : r.thresholds) {
            const std::string actual = micro_sign(result::format_metric_value(t.rule, t.actual));
            out << "    " << (t.passed ? "ok    " : "FAIL  ") << micro_sign(t.rule.text) << "   (actual "
                << actual << ")" << (t.rule.by_default ? "   default" : "") << "\n";
        }
    }
    for (int shard : r.missing_shards) {
        out << "  missing   shard " << shard << "/" << r.shard_count << "\n";
    }
    for (const std::string& input : r.missing_inputs) {
        out << "  missing   " << input << " (not merged)\n";
    }
    const auto failed_thresholds =
        std::count_if(r.thresholds.begin(), r.thresholds.end(), [](const auto& t) { return !t.passed; });
    out << "\n"
        << verdict_word(r.verdict) << ": " << r.stats.intended << " requests, " << failed_thresholds << " of "
        << r.thresholds.size() << " threshold(s) failed\n";
    // Not tested and interrupted runs get their reason from main, on stderr, as every subcommand's do.
    if (r.verdict.kind == result::verdict_kind::failed && !r.verdict.reason.empty()) {
        out << "  because " << micro_sign(r.verdict.reason) << "\n";
    }
}

} // namespace

void write_console(const result::load_result& r, std::ostream& out) {
    write_accounting(r, out);
    write_pool(r, out);
    write_latency(r, out);
    write_outcomes(r, out);
    write_kinds(r, out);
    write_verdict(r, out);
}

} // namespace harness::reports
