#include "response_checks.hpp"

#include "harness/json/media_type.hpp"
#include "rules.hpp"

#include <algorithm>
#include <cctype>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace harness::checks {

namespace {

constexpr auto outcome = make_outcome;

} // namespace

bool run_memory::remember_error_id(const std::string& error_id) {
    std::lock_guard lock(mutex_);
    return error_ids_.insert(error_id).second;
}

check_outcome transport_failure(const parsed_reply& reply) {
    const http::exchange& e = reply.exchange();
    return make_outcome("transport", false, "no complete response: " + e.error, "a complete HTTP response",
                        std::string(http::to_string(e.outcome)) + ": " + e.error,
                        std::string(rules::endpoint_answers), reply.index());
}

namespace {

// Whether the contract declares the status, and whether the reply says it is JSON: judged for every reply.
void check_status_and_type(const contract::operation& operation, const contract::response_spec* spec,
                           const parsed_reply& reply, check_outcomes& out) {
    const http::exchange& exchange = reply.exchange();
    const std::string status_text = std::to_string(exchange.response.status);
    const bool declared = spec != nullptr && spec->status != "default";
    out.push_back(outcome("status_declared", declared,
                          declared ? "status " + status_text + " is declared"
                                   : "status " + status_text + " is not among the contract's responses",
                          "a status the contract lists", status_text, rules::responses_declared(operation),
                          reply.index()));

    const std::string_view content_type = exchange.response.header("Content-Type");
    const bool json_type = json::is_json_media_type(content_type);
    out.push_back(outcome("content_type", json_type,
                          json_type ? "JSON content type" : "not a JSON content type", "application/json",
                          content_type.empty() ? "(none)" : std::string(content_type),
                          std::string(rules::responses_are_json), reply.index()));
}

// The body's own checks before its content: none to parse for HEAD, and it must be JSON. True when the
// content is there to be judged.
bool check_body_is_json(const parsed_reply& reply, check_outcomes& out) {
    const http::exchange& exchange = reply.exchange();
    if (exchange.request.method == "HEAD") {
        // RFC 9110 section 9.3.2: the reply to HEAD carries no body, so there is no envelope to judge.
        const bool empty = exchange.response.body.empty();
        out.push_back(outcome("head_without_body", empty,
                              empty ? "no body, as a reply to HEAD must" : "a reply to HEAD carries a body",
                              "no body", std::to_string(exchange.response.body.size()) + " bytes",
                              std::string(rules::head_without_body), reply.index()));
        return false;
    }
    if (reply.body() == nullptr) {
        std::string excerpt = exchange.response.body.substr(0, 60);
        out.push_back(outcome("json_body", false, "the body is not JSON: " + reply.parse_error(),
                              "a JSON document", excerpt.empty() ? "(empty body)" : excerpt,
                              "contract: ResponseWrapper body", reply.index()));
        return false;
    }
    out.push_back(outcome("json_body", true, "the body is JSON", "", "", "", reply.index()));
    return true;
}

void check_schema(const contract::response_spec& spec, const boost::json::value& body, int index,
                  check_outcomes& out) {
    const contract::violations found = spec.json->validator->validate(body);
    std::string actual;
    for (const auto& v : found) {
        actual += (actual.empty() ? "" : "; ") + v.to_string();
    }
    const std::string schema_name = spec.json->schema_name.empty() ? "inline schema" : spec.json->schema_name;
    out.push_back(
        outcome("schema", found.empty(),
                found.empty() ? "conforms to " + schema_name : "breaks " + schema_name + ": " + actual,
                "a body conforming to " + schema_name, found.empty() ? "" : actual,
                rules::response_schema_of(spec.status, schema_name), index));
}

// A failure's envelope: an error object, and an errorId not seen before in the run (when asked).
void check_error(const boost::json::object* object, const response_check_options& options, run_memory& memory,
                 int index, check_outcomes& out) {
    const boost::json::value* error = object != nullptr ? object->if_contains("error") : nullptr;
    const boost::json::value* error_id =
        error != nullptr && error->is_object() ? error->as_object().if_contains("errorId") : nullptr;
    const bool has_error = error != nullptr && error->is_object();
    out.push_back(outcome("error_present", has_error,
                          has_error ? "a failure carries an error" : "a failure without an error object",
                          "error: {errorId, code, message}",
                          error == nullptr ? "absent" : boost::json::serialize(*error),
                          std::string(rules::failure_envelope), index));
    if (options.error_id_unique && error_id != nullptr && error_id->is_string()) {
        const bool fresh = memory.remember_error_id(std::string(error_id->as_string()));
        out.push_back(outcome("error_id_unique", fresh,
                              fresh ? "errorId not seen before in this run"
                                    : "errorId " + std::string(error_id->as_string()) + " was already used",
                              "an errorId unique per failure", std::string(error_id->as_string()),
                              std::string(rules::error_id_unique), index));
    }
}

} // namespace

void check_response(const contract::operation& operation, const parsed_reply& reply,
                    const response_check_options& options, run_memory& memory, check_outcomes& out) {
    const int index = reply.index();
    if (!reply.answered()) {
        out.push_back(transport_failure(reply));
        return;
    }
    const int status = reply.exchange().response.status;
    const contract::response_spec* spec = operation.response_for(status);
    check_status_and_type(operation, spec, reply, out);
    if (!check_body_is_json(reply, out)) {
        return;
    }
    const boost::json::value& body = *reply.body();
    if (options.schema && spec != nullptr && spec->json && spec->json->validator) {
        check_schema(*spec, body, index, out);
    }

    const bool two_xx = status >= 200 && status < 300;
    const auto* object = body.if_object();
    const boost::json::value* success = object != nullptr ? object->if_contains("success") : nullptr;
    const bool flag_ok = success != nullptr && success->is_bool() && success->as_bool() == two_xx;
    out.push_back(outcome("success_flag", flag_ok,
                          flag_ok ? "success is " + std::string(two_xx ? "true" : "false") + " for " +
                                        std::to_string(status)
                                  : "success does not match the status",
                          std::string("success: ") + (two_xx ? "true" : "false"),
                          success == nullptr ? "absent" : boost::json::serialize(*success),
                          std::string(rules::success_flag), index));
    if (!two_xx) {
        check_error(object, options, memory, index, out);
    }
}

} // namespace harness::checks
