// Reading a `harness.verify` result back (report render and html) through the one document reader, so a
// broken file names its file:line and JSON pointer. Members a writer leaves out when they are empty
// (skipReason, expected, exchange, coverage, underLoad…) or that later versions added read as their defaults
// when absent.
#include "verify_result_io.hpp"

#include "harness/json/document_reader.hpp"
#include "harness/json/mapping_reader.hpp"
#include "harness/json/pointer.hpp"
#include "harness/json/source_document.hpp"
#include "run_judgement.hpp"

#include <algorithm>
#include <charconv>

namespace harness::result {

namespace {

using json::mapping_reader;

class verify_result_reader : json::document_reader {
public:
    explicit verify_result_reader(const json::source_document& doc) : document_reader(doc) {}

    verify_result read() const {
        const boost::json::object* o = document().root().if_object();
        const boost::json::value* format = o != nullptr ? o->if_contains("format") : nullptr;
        if (format == nullptr || !format->is_string() || format->as_string() != "harness.verify" ||
            !o->contains("cases")) {
            fail(format != nullptr ? "/format" : "", "not a harness.verify result");
        }
        const mapping_reader root(*this, document().root(), "");
        verify_result result;
        result.target = root.string_or("target");
        result.base_url = root.string_or("baseUrl");
        result.protocol = root.string_or("protocol");
        result.contract = root.string_or("contract");
        result.profile = root.string_or("profile");
        result.started_at = root.string_or("startedAt");
        result.run_id = root.string_or("runId");                 // "" in results written before run ids
        result.harness_build = root.string_or("harnessVersion"); // "" in results written before versions
        if (root.has("valuesSeed")) {
            const std::string seed = root.string("valuesSeed");
            std::uint64_t value = 0;
            const auto [end, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), value);
            if (ec != std::errc() || end != seed.data() + seed.size()) {
                root.fail("valuesSeed", "expected a seed (a whole number, as text), got '" + seed + "'");
            }
            result.values_seed = value;
        }
        result.duration_ms = root.number_or("durationMs", result.duration_ms);
        for (std::size_t i = 0; i < root.list("cases").size(); ++i) {
            result.cases.push_back(read_case(item(root, "cases", i)));
        }
        if (root.has("coverage")) {
            read_coverage(root.mapping("coverage"), result);
        }
        if (root.has("underLoad")) {
            result.under_load = read_under_load(root.mapping("underLoad"));
        }
        // The verdict as the run drew it (facts such as --min-coverage are not in the file); a result written
        // before verdicts were kept is judged again from its cases and background load.
        if (const auto kind = parse_verdict_kind(root.string_or("verdict"))) {
            result.verdict = {*kind, root.string_or("verdictReason")};
        } else {
            result.verdict = judge_verify_run(result, {});
        }
        return result;
    }

private:
    // The `index`th item of the list `key`, which must be a mapping.
    mapping_reader item(const mapping_reader& m, std::string_view key, std::size_t index) const {
        return mapping_reader(*this, m.list(key)[index], json::append_pointer(m.pointer_of(key), index));
    }

    case_outcome read_case(const mapping_reader& c) const {
        case_outcome outcome;
        outcome.suite = c.string_or("suite");
        outcome.name = c.string_or("name");
        outcome.description = c.string_or("description");
        outcome.skip_reason = c.string_or("skipReason");
        outcome.note = c.string_or("note");
        outcome.under_load = c.boolean_or("underLoad", outcome.under_load);
        outcome.load_second = c.number_or("loadSecond", outcome.load_second);
        const std::string status = c.string_or("status");
        outcome.status = status == "failed"    ? case_status::failed
                         : status == "skipped" ? case_status::skipped
                                               : case_status::passed;
        outcome.duration_ms = c.number_or("durationMs", outcome.duration_ms);
        for (std::size_t i = 0; i < c.list("checks").size(); ++i) {
            outcome.checks.push_back(read_check(item(c, "checks", i)));
        }
        for (std::size_t i = 0; i < c.list("exchanges").size(); ++i) {
            outcome.exchanges.push_back(read_exchange(item(c, "exchanges", i)));
        }
        if (c.has("covers")) {
            outcome.covers = strings(c.at("covers"), c.pointer_of("covers"));
        }
        return outcome;
    }

    static checks::check_outcome read_check(const mapping_reader& k) {
        checks::check_outcome check;
        check.check = k.string_or("check");
        const std::string status = k.string_or("status");
        check.status = status == "failed"    ? checks::check_status::failed
                       : status == "skipped" ? checks::check_status::skipped
                                             : checks::check_status::passed;
        check.message = k.string_or("message");
        check.expected = k.string_or("expected");
        check.actual = k.string_or("actual");
        check.rule = k.string_or("rule");
        if (const auto* e = k.find("exchange")) {
            check.exchange =
                static_cast<int>(k.reader().integer(*e, k.pointer_of("exchange"), -1, 1'000'000));
        }
        return check;
    }

    http::exchange read_exchange(const mapping_reader& e) const {
        http::exchange exchange;
        if (e.has("request")) {
            const mapping_reader request = e.mapping("request");
            exchange.request.method = request.string_or("method");
            exchange.request.target = request.string_or("target");
            exchange.request.headers = read_headers(request);
            exchange.request.body = request.string_or("body");
        }
        if (e.has("response")) {
            const mapping_reader response = e.mapping("response");
            if (const auto* s = response.find("status")) {
                exchange.response.status =
                    static_cast<int>(integer(*s, response.pointer_of("status"), 0, 999));
            }
            exchange.response.headers = read_headers(response);
            exchange.response.body = response.string_or("body");
        } else {
            // Written without a response when none came: what is kept is the error.
            exchange.outcome = http::outcome_kind::reset;
            exchange.error = e.string_or("error");
        }
        return exchange;
    }

    // [[name, value], …]
    http::header_list read_headers(const mapping_reader& m) const {
        http::header_list headers;
        if (!m.has("headers")) {
            return headers;
        }
        const auto& list = m.list("headers");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string pointer = json::append_pointer(m.pointer_of("headers"), i);
            if (!list[i].is_array() || list[i].as_array().size() != 2) {
                fail(pointer, "expected a header as [name, value]");
            }
            headers.emplace_back(string(list[i].as_array()[0], pointer + "/0", true),
                                 string(list[i].as_array()[1], pointer + "/1", true));
        }
        return headers;
    }

    void read_coverage(const mapping_reader& coverage, verify_result& result) const {
        if (!coverage.has("entries")) {
            return;
        }
        for (std::size_t i = 0; i < coverage.list("entries").size(); ++i) {
            const mapping_reader e = item(coverage, "entries", i);
            coverage_entry entry;
            entry.id = e.string_or("id");
            entry.area = e.string_or("area");
            entry.description = e.string_or("description");
            entry.covered = e.boolean_or("covered", false);
            entry.derivable = e.boolean_or("derivable", true);
            entry.why_not = e.string_or("whyNot");
            if (e.has("checks")) {
                entry.checks = strings(e.at("checks"), e.pointer_of("checks"));
            }
            result.coverage.push_back(std::move(entry));
        }
    }

    // verify --under-load's summary, so `report html verify.json` draws the background load again.
    background_load_summary read_under_load(const mapping_reader& u) const {
        background_load_summary s;
        s.requested_rate = u.number_or("requestedRate", 0);
        s.achieved_rate = u.number_or("achievedRate", 0);
        s.measured_seconds = u.number_or("measuredSeconds", 0);
        s.answered = u.count_or("answered", 0);
        s.p50_us = static_cast<std::int64_t>(u.count_or("p50Us", 0));
        s.p99_us = static_cast<std::int64_t>(u.count_or("p99Us", 0));
        s.max_us = static_cast<std::int64_t>(u.count_or("maxUs", 0));
        s.first_failure = u.string_or("firstFailure");
        // Absent in results written before the background load's pool grew.
        s.failures_by_class = u.string_or("failuresByClass");
        s.limit = load_limit_from_string(u.string_or("limit"));
        s.limit_reason = u.string_or("limitReason");
        if (u.has("timeline")) {
            for (std::size_t i = 0; i < u.list("timeline").size(); ++i) {
                const mapping_reader second = item(u, "timeline", i);
                timeline_entry e;
                e.second = static_cast<std::uint32_t>(
                    std::min<std::uint64_t>(second.count_or("second", 0), 1'000'000'000));
                e.p50_us = static_cast<std::int64_t>(second.count_or("p50Us", 0));
                e.p99_us = static_cast<std::int64_t>(second.count_or("p99Us", 0));
                e.max_us = static_cast<std::int64_t>(second.count_or("maxUs", 0));
                s.timeline.push_back(e);
            }
        }
        return s;
    }
};

} // namespace

verify_result read_verify_result(const std::string& file) {
    // Strict JSON whatever the file is named: results are written to any path.
    return verify_result_reader(json::source_document::read_json(file)).read();
}

} // namespace harness::result
