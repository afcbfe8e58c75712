#pragma once
// A scenario's own expectations as checks over parsed replies: a value at a JSON pointer (equals, exists,
// absent, matches), a header (present, equals, matches, absent), a latency budget. The scenario format
// carries these expectation types; the checks that judge them live here with every other check.

#include "check_outcome.hpp"
#include "parsed_reply.hpp"

#include <optional>
#include <string>

#include <boost/json/value.hpp>

namespace harness::checks {

enum class json_check_kind { equals, exists, absent, matches };

struct json_expectation {
    std::string pointer;
    json_check_kind kind = json_check_kind::exists;
    boost::json::value value; // equals
    std::string pattern;      // matches (ECMAScript regex on the value's text)
};

struct header_expectation {
    std::string name;
    std::optional<std::string> equals;
    std::optional<std::string> matches;
    bool absent = false;
};

// "json:POINTER". `expected` is the expectation's value with the scenario's variables already expanded.
check_outcome json_value_holds(const parsed_reply& reply, const json_expectation& expectation,
                               const boost::json::value& expected);

// "header:NAME".
check_outcome header_holds(const parsed_reply& reply, const header_expectation& expectation);

// "latency": the whole exchange took at most `limit_ms`; `source` names where the budget was set.
check_outcome latency_within(const parsed_reply& reply, long limit_ms, std::string source);

} // namespace harness::checks
