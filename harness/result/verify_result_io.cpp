#include "verify_result_io.hpp"

#include "harness/json/text_file.hpp"
#include "run_judgement.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace harness::result {

namespace {

std::string text_of(const boost::json::object& o, const char* key) {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

http::header_list headers_of(const boost::json::object& o) {
    http::header_list headers;
    if (const auto* list = o.if_contains("headers"); list != nullptr && list->is_array()) {
        for (const auto& pair : list->as_array()) {
            if (pair.is_array() && pair.as_array().size() == 2 && pair.as_array()[0].is_string() &&
                pair.as_array()[1].is_string()) {
                headers.emplace_back(std::string(pair.as_array()[0].as_string()),
                                     std::string(pair.as_array()[1].as_string()));
            }
        }
    }
    return headers;
}

checks::check_status check_status_of(const std::string& name) {
    return name == "failed"    ? checks::check_status::failed
           : name == "skipped" ? checks::check_status::skipped
                               : checks::check_status::passed;
}

void read_coverage(const boost::json::object& root, verify_result& result) {
    const auto* coverage = root.if_contains("coverage");
    const auto* entries =
        coverage != nullptr && coverage->is_object() ? coverage->as_object().if_contains("entries") : nullptr;
    if (entries == nullptr || !entries->is_array()) {
        return;
    }
    for (const auto& item : entries->as_array()) {
        if (!item.is_object()) {
            continue;
        }
        const auto& e = item.as_object();
        coverage_entry entry;
        entry.id = text_of(e, "id");
        entry.area = text_of(e, "area");
        entry.description = text_of(e, "description");
        const auto* covered = e.if_contains("covered");
        entry.covered = covered != nullptr && covered->is_bool() && covered->as_bool();
        const auto* derivable = e.if_contains("derivable");
        entry.derivable = derivable == nullptr || !derivable->is_bool() || derivable->as_bool();
        entry.why_not = text_of(e, "whyNot");
        result.coverage.push_back(std::move(entry));
    }
}

double number_of(const boost::json::object& o, const char* key) {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_number() ? v->to_number<double>() : 0.0;
}

// verify --under-load's summary, so `report html verify.json` draws the background load again.
void read_under_load(const boost::json::object& root, verify_result& result) {
    const auto* under = root.if_contains("underLoad");
    if (under == nullptr || !under->is_object()) {
        return;
    }
    const auto& u = under->as_object();
    background_load_summary s;
    s.requested_rate = number_of(u, "requestedRate");
    s.achieved_rate = number_of(u, "achievedRate");
    s.measured_seconds = number_of(u, "measuredSeconds");
    s.answered = static_cast<std::uint64_t>(std::max(0.0, number_of(u, "answered")));
    s.p50_us = static_cast<std::int64_t>(number_of(u, "p50Us"));
    s.p99_us = static_cast<std::int64_t>(number_of(u, "p99Us"));
    s.max_us = static_cast<std::int64_t>(number_of(u, "maxUs"));
    s.first_failure = text_of(u, "firstFailure");
    if (const auto* seconds = u.if_contains("timeline"); seconds != nullptr && seconds->is_array()) {
        for (const auto& item : seconds->as_array()) {
            if (!item.is_object()) {
                continue;
            }
            timeline_entry e;
            e.second =
                static_cast<std::uint32_t>(std::clamp(number_of(item.as_object(), "second"), 0.0, 1e9));
            e.p50_us = static_cast<std::int64_t>(number_of(item.as_object(), "p50Us"));
            e.p99_us = static_cast<std::int64_t>(number_of(item.as_object(), "p99Us"));
            e.max_us = static_cast<std::int64_t>(number_of(item.as_object(), "maxUs"));
            s.timeline.push_back(e);
        }
    }
    result.under_load = std::move(s);
}

// The verdict as the run drew it (facts such as --min-coverage are not in the file); a result written before
// verdicts were kept is judged again from its cases and background load.
void read_verdict(const boost::json::object& root, verify_result& result) {
    if (const auto kind = parse_verdict_kind(text_of(root, "verdict"))) {
        result.verdict = {*kind, text_of(root, "verdictReason")};
        return;
    }
    result.verdict = judge_verify_run(result, {});
}

} // namespace

verify_result read_verify_result(const std::string& file) {
    boost::system::error_code ec;
    const boost::json::value root = boost::json::parse(json::read_text_file(file), ec);
    const auto* o = ec ? nullptr : root.if_object();
    if (o == nullptr || text_of(*o, "format") != "harness.verify" || !o->contains("cases")) {
        throw std::invalid_argument(file + ": not a harness.verify result");
    }
    verify_result result;
    result.target = text_of(*o, "target");
    result.base_url = text_of(*o, "baseUrl");
    result.protocol = text_of(*o, "protocol");
    result.contract = text_of(*o, "contract");
    result.profile = text_of(*o, "profile");
    result.started_at = text_of(*o, "startedAt");
    result.run_id = text_of(*o, "runId");
    if (const auto* d = o->if_contains("durationMs"); d != nullptr && d->is_number()) {
        result.duration_ms = d->to_number<double>();
    }
    for (const auto& item : o->at("cases").as_array()) {
        const auto& c = item.as_object();
        case_outcome outcome;
        outcome.suite = text_of(c, "suite");
        outcome.name = text_of(c, "name");
        outcome.description = text_of(c, "description");
        outcome.skip_reason = text_of(c, "skipReason");
        outcome.note = text_of(c, "note");
        if (const auto* u = c.if_contains("underLoad"); u != nullptr && u->is_bool()) {
            outcome.under_load = u->as_bool();
        }
        if (const auto* s = c.if_contains("loadSecond"); s != nullptr && s->is_number()) {
            outcome.load_second = s->to_number<double>();
        }
        const std::string status = text_of(c, "status");
        outcome.status = status == "failed"    ? case_status::failed
                         : status == "skipped" ? case_status::skipped
                                               : case_status::passed;
        if (const auto* d = c.if_contains("durationMs"); d != nullptr && d->is_number()) {
            outcome.duration_ms = d->to_number<double>();
        }
        for (const auto& check_value : c.at("checks").as_array()) {
            const auto& k = check_value.as_object();
            checks::check_outcome check;
            check.check = text_of(k, "check");
            check.status = check_status_of(text_of(k, "status"));
            check.message = text_of(k, "message");
            check.expected = text_of(k, "expected");
            check.actual = text_of(k, "actual");
            check.rule = text_of(k, "rule");
            if (const auto* e = k.if_contains("exchange"); e != nullptr && e->is_int64()) {
                check.exchange = static_cast<int>(e->as_int64());
            }
            outcome.checks.push_back(std::move(check));
        }
        for (const auto& exchange_value : c.at("exchanges").as_array()) {
            const auto& e = exchange_value.as_object();
            http::exchange exchange;
            if (const auto* request = e.if_contains("request"); request != nullptr && request->is_object()) {
                exchange.request.method = text_of(request->as_object(), "method");
                exchange.request.target = text_of(request->as_object(), "target");
                exchange.request.headers = headers_of(request->as_object());
                exchange.request.body = text_of(request->as_object(), "body");
            }
            if (const auto* response = e.if_contains("response");
                response != nullptr && response->is_object()) {
                const auto& r = response->as_object();
                if (const auto* s = r.if_contains("status"); s != nullptr && s->is_int64()) {
                    exchange.response.status = static_cast<int>(s->as_int64());
                }
                exchange.response.headers = headers_of(r);
                exchange.response.body = text_of(r, "body");
            } else {
                exchange.outcome = http::outcome_kind::reset;
                exchange.error = text_of(e, "error");
            }
            outcome.exchanges.push_back(std::move(exchange));
        }
        if (const auto* covers = c.if_contains("covers"); covers != nullptr && covers->is_array()) {
            for (const auto& id : covers->as_array()) {
                if (id.is_string()) {
                    outcome.covers.emplace_back(id.as_string());
                }
            }
        }
        result.cases.push_back(std::move(outcome));
    }
    read_coverage(*o, result);
    read_under_load(*o, result);
    read_verdict(*o, result);
    return result;
}

} // namespace harness::result
