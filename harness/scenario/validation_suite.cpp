#include "validation_suite.hpp"

#include "harness/contract/schema_describer.hpp"

#include <map>

namespace harness::scenario {

namespace {

namespace hc = harness::contract;
using boost::json::object;
using boost::json::value;

// One sample of each JSON type, named as JSON Schema names them.
const std::vector<std::pair<std::string, value>>& samples() {
    static const std::vector<std::pair<std::string, value>> list = {
        {"string", value("a string")},    {"integer", value(7)},
        {"number", value(2.5)},           {"boolean", value(true)},
        {"array", boost::json::array{1}}, {"object", object{{"k", "v"}}}};
    return list;
}

// The JSON types a field accepts, read from its translated schema by asking the validator about each sample.
bool accepts(const hc::schema_validator& validator, const object& base, const std::string& field,
             const value& v) {
    object body = base;
    body[field] = v;
    for (const hc::violation& found : validator.validate(body)) {
        if (found.pointer == "/" + field) {
            return false;
        }
    }
    return true;
}

value conforming_sample(const std::string& type) {
    if (type.starts_with("integer") || type.starts_with("number")) {
        return 1;
    }
    if (type.starts_with("boolean")) {
        return true;
    }
    if (type.starts_with("array")) {
        return boost::json::array{};
    }
    if (type.starts_with("object")) {
        return object{};
    }
    return "${uuid}";
}

step failing_step(std::string id, request_template request, hc::failure_kind failure,
                  std::vector<std::string> fields) {
    step s;
    s.id = std::move(id);
    s.request = std::move(request);
    s.expect.failure = failure;
    s.expect.field_errors = std::move(fields);
    s.expect.stored = 0;
    return s;
}

scenario_case one_step_case(std::string name, std::string description, step s) {
    scenario_case c;
    c.name = std::move(name);
    c.description = std::move(description);
    c.steps.push_back(std::move(s));
    return c;
}

} // namespace

suite generate_validation_suite(const hc::contract& contract, const hc::operation& operation,
                                const hc::profile& profile) {
    suite result;
    result.name = "validation";
    result.source = "generated from " + contract.source_name();
    const auto& payload = *operation.request_body->json;
    const hc::schema_description schema = hc::describe_schema(contract.document(), payload.schema_pointer);

    // A conforming body: every required field with a sample of its type.
    object base;
    for (const auto& field : schema.fields) {
        if (field.required) {
            base[field.name] = conforming_sample(field.type);
        }
    }
    // Samples are checked with concrete strings, not variables.
    object concrete = base;
    for (auto& member : concrete) {
        if (member.value().is_string()) {
            member.value() = "sample";
        }
    }
    auto request_with = [&](const object& body) {
        request_template r;
        r.json = value(body);
        return r;
    };

    for (const auto& field : schema.fields) {
        if (field.required) {
            object body = base;
            body.erase(field.name);
            result.cases.push_back(one_step_case(
                field.name + " missing", field.name + " is required",
                failing_step("send", request_with(body), hc::failure_kind::validation, {field.name})));
        }
        if (!field.nullable) {
            object body = base;
            body[field.name] = nullptr;
            result.cases.push_back(one_step_case(
                field.name + " null", field.name + " is not nullable",
                failing_step("send", request_with(body), hc::failure_kind::validation, {field.name})));
        }
        for (const auto& [type, sample] : samples()) {
            if (accepts(*payload.validator, concrete, field.name, sample)) {
                continue;
            }
            object body = base;
            body[field.name] = sample;
            result.cases.push_back(one_step_case(
                field.name + " as " + type, field.name + " is " + field.type + ", not " + type,
                failing_step("send", request_with(body), hc::failure_kind::validation, {field.name})));
        }
    }

    request_template malformed;
    malformed.raw = "{\"itemUuid\": ";
    result.cases.push_back(one_step_case("body is not JSON", "a truncated JSON text",
                                         failing_step("send", malformed, hc::failure_kind::validation, {})));
    request_template array_body;
    array_body.raw = "[]";
    result.cases.push_back(one_step_case("body is not an object", "a JSON array",
                                         failing_step("send", array_body, hc::failure_kind::validation, {})));
    request_template wrong_type = request_with(base);
    wrong_type.content_type = "text/plain";
    result.cases.push_back(
        one_step_case("content type text/plain", "a conforming body sent as text/plain",
                      failing_step("send", wrong_type, hc::failure_kind::unsupported_media_type, {})));
    request_template oversize = request_with(base);
    oversize.pad_body_to = profile.max_body_bytes + 1;
    result.cases.push_back(one_step_case(
        "body over the size limit", "a body of " + std::to_string(profile.max_body_bytes + 1) + " bytes",
        failing_step("send", oversize, hc::failure_kind::payload_too_large, {})));
    return result;
}

} // namespace harness::scenario
