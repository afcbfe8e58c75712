#pragma once
// Small results built by hand, as the writers' tests render them: a verify run with a passed, a failed and a
// skipped case (the failure with its exchange) and some coverage; a load run with failures of two kinds, a
// threshold broken and one held, a timeline and interval lines. Every figure is chosen so a test can name it.

#include "harness/result/load_result.hpp"
#include "harness/result/run_judgement.hpp"
#include "harness/result/threshold.hpp"
#include "harness/result/verify_result.hpp"

#include <cstddef>
#include <sstream>
#include <string>

namespace harness::reports::testing {

// Whether `text` has `line` as one of its lines, whole.
inline bool has_line(const std::string& text, const std::string& line) {
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) {
        if (l == line) {
            return true;
        }
    }
    return false;
}

// How often `what` occurs in `text`.
inline std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

inline http::exchange refused_exchange() {
    http::exchange e;
    e.request.method = "POST";
    e.request.target = "/v1/messages";
    e.request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer [redacted]"}};
    e.request.body = R"({"itemUuid":"i-1"})";
    e.response.status = 200;
    e.response.body = R"({"success":true})";
    return e;
}

inline result::verify_result sample_verify() {
    result::verify_result v;
    v.target = "http://gateway.test:8080";
    v.protocol = "HTTP/1.1";
    v.base_url = "http://gateway.test:8080";
    v.contract = "operator.yaml";
    v.profile = "profile.yaml";
    v.started_at = "2026-01-02T03:04:05Z";
    v.duration_ms = 1234;
    result::case_outcome passed;
    passed.suite = "conformance";
    passed.name = "a valid send is stored";
    passed.checks = {{"status", checks::check_status::passed, "200", "200", "200", "rule 1", -1},
                     {"schema", checks::check_status::passed, "keeps the schema", "", "", "contract", -1}};
    result::case_outcome failed;
    failed.suite = "auth";
    failed.name = "a send without token is refused";
    failed.status = result::case_status::failed;
    failed.checks = {{"status", checks::check_status::failed, "status 200, expected 401", "401", "200",
                      "profile rule 3 (failures.unauthenticated)", 0}};
    failed.exchanges = {refused_exchange()};
    result::case_outcome skipped;
    skipped.suite = "auth";
    skipped.name = "an expired token is refused";
    skipped.status = result::case_status::skipped;
    skipped.skip_reason = "needs --expired-token-env";
    v.cases = {passed, failed, skipped};
    v.coverage = {{"route.post", "routing", "the route", true, true, "", {}},
                  {"auth.missing", "auth", "no token", true, true, "", {}},
                  {"auth.expired", "auth", "an expired token", false, true, "needs --expired-token-env", {}},
                  {"store.lost", "store", "a lost message", false, false, "needs --store-url", {}}};
    v.verdict = result::judge_verify_run(v, {}); // as a run draws it: writers only write it
    return v;
}

// A sample changed by a test, judged again as a run would be.
inline result::verify_result judged(result::verify_result v) {
    v.verdict = result::judge_verify_run(v, {});
    return v;
}

inline result::load_result judged(result::load_result r) {
    r.verdict = result::judge_load_run(r);
    return r;
}

inline result::load_result sample_load() {
    result::load_result r;
    r.target = "http://gateway.test:8080";
    r.protocol = "HTTP/1.1";
    r.mode = "open";
    r.started_at = "2026-01-02T03:04:05Z";
    r.start_epoch_seconds = 1767323045;
    r.threads = 2;
    r.connections = 4;
    r.measured_seconds = 10;
    r.requested_rate = 100;
    r.achieved_rate = 99;
    r.validate_every = 10;
    for (int i = 1; i <= 990; ++i) {
        r.stats.latency.record(i * 10); // 10 µs … 9.9 ms
        r.stats.service.record(i * 5);
    }
    r.stats.intended = 1000;
    r.stats.fates[static_cast<std::size_t>(result::request_fate::answered)] = 990;
    r.stats.fates[static_cast<std::size_t>(result::request_fate::reset)] = 6;
    r.stats.fates[static_cast<std::size_t>(result::request_fate::too_late)] = 4;
    r.stats.statuses[200] = 987;
    r.stats.statuses[503] = 3;
    r.stats.first_failure = "reset: the peer closed the connection";
    r.stats.validated = 99;
    r.stats.violating = 1;
    r.stats.violations = {
        {"schema",
         "contract: responses/200 -> ResponseWrapper",
         1,
         {200, "breaks ResponseWrapper: /success: type rule broken", R"({"success":"yes"})"}}};
    for (std::uint32_t second = 0; second < 10; ++second) {
        r.timeline.push_back({second, 99, second == 4 ? 3U : 0U, 100, 5000, 9000, 9900});
    }
    // Second 4: three replies with another status than 200, one of them checked and breaking a rule.
    r.timeline[4].classes[static_cast<std::size_t>(result::failure_class::status)] = 3;
    r.timeline[4].classes[static_cast<std::size_t>(result::failure_class::violation)] = 1;
    r.thresholds = {{result::parse_threshold("p99<5ms"), 9800, false},
                    {result::parse_threshold("errors<5%"), 0.013, true}};
    r.verdict = result::judge_load_run(r);
    return r;
}

} // namespace harness::reports::testing
