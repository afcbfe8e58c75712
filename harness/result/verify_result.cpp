#include "verify_result.hpp"

#include "harness/json/utf8_text.hpp"

#include <algorithm>

#include <boost/json.hpp>

namespace harness::result {

std::string_view to_string(case_status status) {
    switch (status) {
    case case_status::passed:
        return "passed";
    case case_status::failed:
        return "failed";
    case case_status::skipped:
        return "skipped";
    }
    return "unknown";
}

case_status judge(const case_outcome& c) {
    for (const auto& check : c.checks) {
        if (check.status == checks::check_status::failed) {
            return case_status::failed;
        }
    }
    return c.skip_reason.empty() ? case_status::passed : case_status::skipped;
}

verify_result::totals verify_result::count() const {
    totals t;
    for (const case_outcome& c : cases) {
        ++t.cases;
        (c.status == case_status::passed   ? t.passed
         : c.status == case_status::failed ? t.failed
                                           : t.skipped) += 1;
        for (const auto& check : c.checks) {
            ++t.checks;
            t.checks_failed += check.status == checks::check_status::failed ? 1 : 0;
        }
    }
    return t;
}

background_load_summary summarize_background_load(const load_result& load) {
    background_load_summary s;
    s.requested_rate = load.requested_rate;
    s.achieved_rate = load.achieved_rate;
    s.measured_seconds = load.measured_seconds;
    s.intended = load.stats.intended;
    s.answered = load.stats.count(request_fate::answered);
    s.failed = load.stats.failed();
    s.unexpected_statuses = load.unexpected_statuses();
    s.error_ratio = load.error_ratio();
    s.p50_us = load.stats.latency.value_at_percentile(50);
    s.p99_us = load.stats.latency.value_at_percentile(99);
    s.max_us = load.stats.latency.max();
    s.first_failure = load.stats.first_failure;
    for (std::size_t f = 1; f < request_fate_count; ++f) {
        if (load.stats.fates[f] > 0) {
            s.failures_by_class += (s.failures_by_class.empty() ? "" : ", ") +
                                   std::string(to_string(static_cast<request_fate>(f))) + " " +
                                   std::to_string(load.stats.fates[f]);
        }
    }
    if (const std::uint64_t other = load.unexpected_statuses(); other > 0) {
        s.failures_by_class +=
            (s.failures_by_class.empty() ? "" : ", ") + std::string("other status ") + std::to_string(other);
    }
    const load_limit_finding limit = find_load_limit(load);
    s.limit = limit.kind;
    s.limit_reason = limit.words;
    s.connections = load.connections;
    s.connection_cap = load.connection_cap;
    s.connections_peak = load.stats.pool.peak;
    s.timeline = load.timeline;
    return s;
}

std::vector<verify_result::suite_totals> verify_result::count_by_suite() const {
    std::vector<suite_totals> suites;
    for (const case_outcome& c : cases) {
        auto it = std::find_if(suites.begin(), suites.end(),
                               [&](const suite_totals& s) { return s.suite == c.suite; });
        if (it == suites.end()) {
            it = suites.insert(suites.end(), suite_totals{c.suite, 0, 0, 0});
        }
        (c.status == case_status::passed   ? it->passed
         : c.status == case_status::failed ? it->failed
                                           : it->skipped) += 1;
    }
    return suites;
}

verify_result::coverage_totals verify_result::count_coverage() const {
    coverage_totals t;
    for (const coverage_entry& e : coverage) {
        ++t.items;
        t.covered += e.covered ? 1 : 0;
        t.derivable += e.derivable ? 1 : 0;
        t.derivable_covered += e.derivable && e.covered ? 1 : 0;
    }
    return t;
}

namespace {

boost::json::array background_timeline_json(const std::vector<timeline_entry>& timeline) {
    boost::json::array seconds;
    for (const timeline_entry& e : timeline) {
        seconds.push_back(boost::json::object{{"second", e.second},
                                              {"requests", e.requests},
                                              {"errors", e.errors},
                                              {"p50Us", e.p50_us},
                                              {"p99Us", e.p99_us},
                                              {"maxUs", e.max_us}});
    }
    return seconds;
}

boost::json::object coverage_json(const verify_result& result) {
    boost::json::array items;
    for (const coverage_entry& e : result.coverage) {
        boost::json::object o{{"id", e.id},
                              {"area", e.area},
                              {"description", e.description},
                              {"covered", e.covered},
                              {"derivable", e.derivable}};
        if (!e.covered) {
            o["whyNot"] = e.why_not;
        }
        if (e.area == "rule") {
            o["checks"] = boost::json::value_from(e.checks);
        }
        items.push_back(std::move(o));
    }
    const verify_result::coverage_totals t = result.count_coverage();
    return {{"items", t.items},
            {"covered", t.covered},
            {"percent", t.percent()},
            {"derivable", t.derivable},
            {"derivableCovered", t.derivable_covered},
            {"derivablePercent", t.derivable_percent()},
            {"entries", std::move(items)}};
}

boost::json::array headers_json(const http::header_list& headers) {
    boost::json::array list;
    for (const auto& [name, value] : headers) {
        list.push_back(boost::json::array{boost::json::string(name), boost::json::string(value)});
    }
    return list;
}

boost::json::object exchange_json(const http::exchange& e) {
    boost::json::object request{{"method", e.request.method},
                                {"target", e.request.target},
                                {"headers", headers_json(e.request.headers)},
                                {"body", json::cut_utf8(e.request.body, 4096)}};
    boost::json::object o{{"request", std::move(request)},
                          {"outcome", std::string(http::to_string(e.outcome))},
                          {"timingsUs", boost::json::object{{"connect", e.timings.connect_us},
                                                            {"tls", e.timings.tls_us},
                                                            {"firstByte", e.timings.first_byte_us},
                                                            {"total", e.timings.total_us}}}};
    if (e.outcome == http::outcome_kind::ok) {
        o["response"] = boost::json::object{{"status", e.response.status},
                                            {"headers", headers_json(e.response.headers)},
                                            {"body", e.response.body}};
    } else {
        o["error"] = e.error;
    }
    return o;
}

std::string_view check_status_name(checks::check_status s) {
    return s == checks::check_status::passed   ? "passed"
           : s == checks::check_status::failed ? "failed"
                                               : "skipped";
}

boost::json::array checks_json(const checks::check_outcomes& outcomes) {
    boost::json::array checks;
    for (const auto& check : outcomes) {
        boost::json::object o{{"check", check.check},
                              {"status", std::string(check_status_name(check.status))},
                              {"message", check.message}};
        if (check.status == checks::check_status::failed) {
            o["expected"] = check.expected;
            o["actual"] = check.actual;
            o["rule"] = check.rule;
        }
        if (check.exchange >= 0) {
            o["exchange"] = check.exchange;
        }
        checks.push_back(std::move(o));
    }
    return checks;
}

boost::json::object case_json(const case_outcome& c) {
    boost::json::array exchanges;
    for (const auto& e : c.exchanges) {
        exchanges.push_back(exchange_json(e));
    }
    boost::json::object o{{"suite", c.suite},
                          {"name", c.name},
                          {"status", std::string(to_string(c.status))},
                          {"durationMs", c.duration_ms},
                          {"checks", checks_json(c.checks)},
                          {"exchanges", std::move(exchanges)}};
    if (!c.description.empty()) {
        o["description"] = c.description;
    }
    if (!c.skip_reason.empty()) {
        o["skipReason"] = c.skip_reason;
    }
    if (c.under_load) {
        o["underLoad"] = true;
        o["loadSecond"] = c.load_second;
    }
    if (!c.note.empty()) {
        o["note"] = c.note;
    }
    if (!c.covers.empty()) {
        boost::json::array covers;
        for (const std::string& id : c.covers) {
            covers.emplace_back(id);
        }
        o["covers"] = std::move(covers);
    }
    return o;
}

boost::json::object under_load_json(const background_load_summary& l) {
    return {{"requestedRate", l.requested_rate},
            {"achievedRate", l.achieved_rate},
            {"measuredSeconds", l.measured_seconds},
            {"intended", l.intended},
            {"answered", l.answered},
            {"failed", l.failed},
            {"unexpectedStatuses", l.unexpected_statuses},
            {"errorRatio", l.error_ratio},
            {"p50Us", l.p50_us},
            {"p99Us", l.p99_us},
            {"maxUs", l.max_us},
            {"firstFailure", l.first_failure},
            {"failuresByClass", l.failures_by_class},
            {"limit", to_string(l.limit)},
            {"limitReason", l.limit_reason},
            {"pool", boost::json::object{{"initial", l.connections},
                                         {"cap", l.connection_cap},
                                         {"peak", l.connections_peak}}},
            {"timeline", background_timeline_json(l.timeline)}};
}

} // namespace

std::string to_json(const verify_result& result) {
    boost::json::array cases;
    for (const case_outcome& c : result.cases) {
        cases.push_back(case_json(c));
    }
    const verify_result::totals t = result.count();
    boost::json::object root{{"format", "harness.verify"},
                             {"formatVersion", verify_result::format_version},
                             {"target", result.target},
                             {"protocol", result.protocol},
                             {"baseUrl", result.base_url},
                             {"contract", result.contract},
                             {"profile", result.profile},
                             {"startedAt", result.started_at},
                             {"runId", result.run_id},
                             {"harnessVersion", result.harness_build},
                             {"durationMs", result.duration_ms},
                             {"passed", result.verdict.passed()},
                             {"verdict", to_string(result.verdict.kind)},
                             {"verdictReason", result.verdict.reason},
                             {"totals", boost::json::object{{"cases", t.cases},
                                                            {"passed", t.passed},
                                                            {"failed", t.failed},
                                                            {"skipped", t.skipped},
                                                            {"checks", t.checks},
                                                            {"checksFailed", t.checks_failed}}},
                             {"cases", std::move(cases)}};
    if (result.values_seed) {
        // Text: a 64-bit seed is exact in every JSON reader, JavaScript's included.
        root["valuesSeed"] = std::to_string(*result.values_seed);
    }
    if (!result.coverage.empty()) {
        root["coverage"] = coverage_json(result);
    }
    if (const auto& l = result.under_load) {
        root["underLoad"] = under_load_json(*l);
    }
    return boost::json::serialize(root);
}

} // namespace harness::result
