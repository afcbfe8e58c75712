#include "expectation_checks.hpp"

#include "harness/json/pointer.hpp"
#include "rules.hpp"

#include <regex>

#include <boost/json/serialize.hpp>

namespace harness::checks {

check_outcome json_value_holds(const parsed_reply& reply, const json_expectation& expectation,
                               const boost::json::value& expected_value) {
    const boost::json::value* actual = reply.at(expectation.pointer);
    const std::string actual_text = shown(actual);
    bool ok = false;
    std::string expected;
    switch (expectation.kind) {
    case json_check_kind::equals:
        ok = actual != nullptr && *actual == expected_value;
        expected = boost::json::serialize(expectation.value);
        break;
    case json_check_kind::exists:
        ok = actual != nullptr;
        expected = "present";
        break;
    case json_check_kind::absent:
        ok = actual == nullptr;
        expected = "absent";
        break;
    case json_check_kind::matches: {
        const std::string text = actual == nullptr     ? ""
                                 : actual->is_string() ? std::string(actual->as_string())
                                                       : actual_text;
        ok = actual != nullptr && std::regex_search(text, std::regex(expectation.pattern));
        expected = "matching /" + expectation.pattern + "/";
        break;
    }
    }
    return make_outcome("json:" + expectation.pointer, ok,
                        json::display_pointer(expectation.pointer) + (ok ? " is " : " is not ") + expected,
                        expected, actual_text, std::string(rules::scenario_expectation), reply.index());
}

check_outcome header_holds(const parsed_reply& reply, const header_expectation& h) {
    const std::string_view value = reply.exchange().response.header(h.name);
    const bool present = !value.empty();
    bool ok = true;
    std::string expected;
    if (h.absent) {
        ok = !present;
        expected = "absent";
    } else if (h.equals) {
        ok = present && value == *h.equals;
        expected = *h.equals;
    } else if (h.matches) {
        ok = present && std::regex_search(std::string(value), std::regex(*h.matches));
        expected = "matching /" + *h.matches + "/";
    } else {
        ok = present;
        expected = "present";
    }
    return make_outcome("header:" + h.name, ok, h.name + (ok ? " as expected" : " unexpected"), expected,
                        present ? std::string(value) : "absent", std::string(rules::scenario_expectation),
                        reply.index());
}

check_outcome latency_within(const parsed_reply& reply, long limit_ms, std::string source) {
    const long took = static_cast<long>(reply.exchange().timings.total_us / 1000);
    return make_outcome("latency", took <= limit_ms, "took " + std::to_string(took) + " ms",
                        "<= " + std::to_string(limit_ms) + " ms", std::to_string(took) + " ms",
                        std::move(source), reply.index());
}

} // namespace harness::checks
