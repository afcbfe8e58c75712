#include "verdict_wording.hpp"

#include <boost/json/parse.hpp>

namespace harness::repro {

std::string dotted_path(const std::string& pointer) {
    if (pointer.empty()) {
        return "the body";
    }
    std::string out;
    std::size_t start = 1;
    while (start <= pointer.size()) {
        std::size_t end = pointer.find('/', start);
        if (end == std::string::npos) {
            end = pointer.size();
        }
        std::string token = pointer.substr(start, end - start);
        for (std::size_t at = 0; (at = token.find("~1", at)) != std::string::npos;) {
            token.replace(at, 2, "/");
        }
        for (std::size_t at = 0; (at = token.find("~0", at)) != std::string::npos;) {
            token.replace(at, 2, "~");
        }
        const bool index = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
        out += index ? "[" + token + "]" : (out.empty() ? "" : ".") + token;
        start = end + 1;
    }
    return out;
}

std::string describe_violation(const contract::violation& v, const std::string& schema_name) {
    const std::string where = dotted_path(v.pointer);
    if (v.rule == "required") {
        return where + " is missing; " + schema_name + " requires it";
    }
    if (v.rule == "type") {
        return where + " is " + v.actual + "; " + schema_name + " requires " + v.expected;
    }
    if (v.rule == "additionalProperties") {
        return where + " is not allowed; " + schema_name + " has no such field";
    }
    if (v.rule == "enum" || v.rule == "const") {
        return where + " is " + v.actual + "; " + schema_name + " allows only " + v.expected;
    }
    return where + " breaks '" + v.rule + "' of " + schema_name + ": expected " + v.expected + ", got " +
           v.actual;
}

std::vector<std::string> describe_failed_checks(const checks::check_outcomes& outcomes, int exchange_index,
                                                const contract::operation& operation,
                                                const http::exchange& exchange) {
    std::vector<std::string> out;
    for (const auto& c : outcomes) {
        if (c.exchange != exchange_index || c.status != checks::check_status::failed) {
            continue;
        }
        if (c.check == "schema" && exchange.outcome == http::outcome_kind::ok) {
            const contract::response_spec* spec = operation.response_for(exchange.response.status);
            boost::system::error_code ec;
            const boost::json::value body = boost::json::parse(exchange.response.body, ec);
            if (spec != nullptr && spec->json && spec->json->validator && !ec) {
                const std::string schema =
                    spec->json->schema_name.empty() ? "the response schema" : spec->json->schema_name;
                for (const auto& v : spec->json->validator->validate(body)) {
                    out.push_back(describe_violation(v, schema) + " (" + c.rule + ")");
                }
                continue;
            }
        }
        out.push_back(c.message + (c.rule.empty() ? "" : " (" + c.rule + ")"));
    }
    return out;
}

} // namespace harness::repro
