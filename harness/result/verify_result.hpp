#pragma once
// The outcome of a `harness verify` run, the one model that every report writer reads. Serialised as JSON
// with a format version (docs/results.md); writers compute nothing, they only render this.

#include "harness/checks/check_outcome.hpp"
#include "harness/http/exchange.hpp"

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
};

struct verify_result {
    static constexpr int format_version = 1;
    std::string target;     // URL, or "built-in mock at …"
    std::string contract;   // source name
    std::string profile;    // profile name and source
    std::string started_at; // ISO-8601 UTC
    double duration_ms = 0;
    std::vector<case_outcome> cases;

    struct totals {
        int cases = 0, passed = 0, failed = 0, skipped = 0;
        int checks = 0, checks_failed = 0;
    };
    totals count() const;
    bool passed() const { return count().failed == 0; }
};

// The result as JSON text (format_version 1).
std::string to_json(const verify_result& result);

// The case's verdict from its checks: failed if any failed, skipped if it has a skip reason, else passed.
case_status judge(const case_outcome& c);

} // namespace harness::result
