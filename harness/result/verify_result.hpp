#pragma once
// The outcome of a `harness verify` run, the one model that every report writer reads. Serialised as JSON
// with a format version (docs/results.md); writers compute nothing, they only render this.

#include "build_info.hpp"
#include "harness/checks/check_outcome.hpp"
#include "harness/http/exchange.hpp"
#include "load_limit.hpp"
#include "load_result.hpp"
#include "run_verdict.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace harness::result {

enum class case_status { passed, failed, skipped };
std::string_view to_string(case_status status);

struct case_outcome {
    std::string suite;
    std::string name;
    std::string description;
    case_status status = case_status::passed;
    std::string skip_reason;
    checks::check_outcomes checks;
    std::vector<http::exchange> exchanges; // redacted
    double duration_ms = 0;
    std::vector<std::string> covers; // coverage items it exercises (or would have, when skipped)
    // verify --under-load: the case ran while the background load did, starting this many seconds into it.
    bool under_load = false;
    double load_second = 0;
    std::string note; // e.g. "fails only under load: passed when run again without it"
};

// What the background load of `verify --under-load` did while the cases ran.
struct background_load_summary {
    double requested_rate = 0;
    double achieved_rate = 0;
    double measured_seconds = 0;
    std::uint64_t intended = 0, answered = 0, failed = 0, unexpected_statuses = 0;
    std::int64_t p50_us = 0, p99_us = 0, max_us = 0;
    double error_ratio = 0;
    std::string first_failure;
    std::string failures_by_class; // "timeout 700, too_late 12" ("" when none failed)
    // Requests never offered (load_limit): whose limit it was, in words.
    load_limit limit = load_limit::none;
    std::string limit_reason;
    int connections = 0, connection_cap = 0; // the pool at time zero and the most it could grow to
    std::uint64_t connections_peak = 0;
    std::vector<timeline_entry> timeline; // the load's seconds (its warmup second first), for the HTML chart
};

// One item of the contract's coverage model (harness/contract/coverage_model) and whether the run covered it.
struct coverage_entry {
    std::string id;
    std::string area;
    std::string description;
    bool covered = false;
    bool derivable = true; // black-box requests alone reach it
    std::string why_not;   // when not covered: what it needs, or why its case did not run
    // A rule of the profile (area "rule"): the checks that observe it ("status in failure unauthenticated"),
    // none when no check does (then it is uncovered whatever the run did).
    std::vector<std::string> checks;
};

struct verify_result {
    static constexpr int format_version = 1;
    std::string target;     // URL, or "built-in mock at …"
    std::string protocol;   // "HTTP/1.1" or "HTTP/2", as the connection negotiated ("" when none connected)
    std::string base_url;   // the URL requests went to, with its base path (for copy-pasteable curl commands)
    std::string contract;   // source name
    std::string profile;    // profile name and source
    std::string started_at; // ISO-8601 UTC
    std::string run_id;     // result/run_id: 16 hex digits ("" in results written before run ids)
    // The build that made the run (build_info); "" when read from a result written before versions were kept.
    std::string harness_build = harness_build_text();
    std::optional<std::uint64_t> values_seed; // verify --seed: the values suite's sample (when it ran)
    double duration_ms = 0;
    std::vector<case_outcome> cases;
    std::vector<coverage_entry> coverage; // empty when the run did not tally coverage
    double under_load_rate = 0; // verify --under-load: the background load's requested rate (0: none)
    std::optional<background_load_summary> under_load;

    struct totals {
        int cases = 0, passed = 0, failed = 0, skipped = 0;
        int checks = 0, checks_failed = 0;
    };
    totals count() const;

    // Cases per suite, in the order the suites first ran: what the writers' suite tables and bars show.
    struct suite_totals {
        std::string suite;
        int passed = 0, failed = 0, skipped = 0;
    };
    std::vector<suite_totals> count_by_suite() const;

    struct coverage_totals {
        int items = 0, covered = 0, derivable = 0, derivable_covered = 0;
        double percent() const { return items == 0 ? 100.0 : 100.0 * covered / items; }
        double derivable_percent() const {
            return derivable == 0 ? 100.0 : 100.0 * derivable_covered / derivable;
        }
    };
    coverage_totals count_coverage() const;
    // Drawn by the run (judge_verify_run, judge_replay_run) or read back: what writers and the exit code
    // show.
    run_verdict verdict;
    bool passed() const noexcept { return verdict.passed(); }
};

// The result as JSON text (format_version 1).
std::string to_json(const verify_result& result);

// The background load's figures for a verify report.
background_load_summary summarize_background_load(const load_result& load);

// The case's verdict from its checks: failed if any failed, skipped if it has a skip reason, else passed.
case_status judge(const case_outcome& c);

} // namespace harness::result
