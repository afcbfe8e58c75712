// Builds the operation model from an OpenAPI 3.0/3.1 document, collecting every problem as a finding.

#include "contract.hpp"
#include "harness/json/media_type.hpp"
#include "harness/json/pointer.hpp"
#include "ref_resolver.hpp"
#include "schema_translator.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace harness::contract {

namespace {

using boost::json::object;
using boost::json::value;

constexpr const char* http_methods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

std::string string_member(const object& o, std::string_view key) {
    const value* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool valid_status_key(std::string_view key) {
    if (key == "default") {
        return true;
    }
    if (key.size() != 3 || key[0] < '1' || key[0] > '5') {
        return false;
    }
    const bool digits =
        std::isdigit(static_cast<unsigned char>(key[1])) && std::isdigit(static_cast<unsigned char>(key[2]));
    return digits || (key[1] == 'X' && key[2] == 'X');
}

std::string component_name(std::string_view pointer) {
    constexpr std::string_view prefix = "/components/schemas/";
    if (pointer.starts_with(prefix) && pointer.find('/', prefix.size()) == std::string_view::npos) {
        return json::unescape_pointer_token(pointer.substr(prefix.size()));
    }
    return {};
}

} // namespace

struct contract_loader {
    const json::source_document& doc;
    findings& found;
    contract result{};
    openapi_version version = openapi_version::v3_0;

    void error(const std::string& pointer, const std::string& message) {
        found.push_back({finding_severity::error, doc.locate(pointer), message});
    }

    bool read_header() {
        const object* root = doc.root().if_object();
        if (root == nullptr) {
            error("", "an OpenAPI document must be a mapping at the top");
            return false;
        }
        const std::string openapi = string_member(*root, "openapi");
        if (openapi.starts_with("3.0")) {
            version = openapi_version::v3_0;
        } else if (openapi.starts_with("3.1")) {
            version = openapi_version::v3_1;
        } else {
            error(root->contains("openapi") ? "/openapi" : "",
                  openapi.empty()
                      ? "missing 'openapi' (expected \"3.0.x\" or \"3.1.x\"; Swagger 2.0 is not read)"
                      : "unsupported OpenAPI version '" + openapi + "' (expected 3.0.x or 3.1.x)");
            return false;
        }
        result.openapi_version_ = openapi;
        const value* paths = root->if_contains("paths");
        if (paths == nullptr) {
            error("", "missing 'paths': the document describes no operation");
            return false;
        }
        if (!paths->is_object()) {
            error("/paths", "'paths' must be a mapping of path templates to path items");
            return false;
        }
        return true;
    }

    const value* follow(const std::string& pointer, std::string& resolved) {
        const value* v = follow_refs(doc.root(), pointer, resolved);
        return v;
    }

    std::optional<payload_spec> json_payload(const object& holder, const std::string& pointer) {
        const value* content = holder.if_contains("content");
        if (content == nullptr || !content->is_object()) {
            return std::nullopt;
        }
        for (const auto& media : content->as_object()) {
            if (!json::is_json_media_type(media.key())) {
                continue;
            }
            const std::string media_pointer =
                json::append_pointer(json::append_pointer(pointer, "content"), media.key());
            const object* media_object = media.value().if_object();
            if (media_object == nullptr || !media_object->contains("schema")) {
                return payload_spec{std::string(media.key()), "", "", nullptr};
            }
            std::string schema_pointer;
            if (follow(json::append_pointer(media_pointer, "schema"), schema_pointer) == nullptr) {
                return std::nullopt; // dangling or cyclic: check_refs has said so
            }
            return payload_spec{std::string(media.key()), schema_pointer, component_name(schema_pointer),
                                nullptr};
        }
        return std::nullopt;
    }

    void read_parameters(const object& holder, const std::string& pointer, std::vector<parameter_spec>& out) {
        const value* list = holder.if_contains("parameters");
        if (list == nullptr) {
            return;
        }
        if (!list->is_array()) {
            error(json::append_pointer(pointer, "parameters"), "'parameters' must be a list");
            return;
        }
        for (std::size_t i = 0; i < list->as_array().size(); ++i) {
            const std::string item_pointer =
                json::append_pointer(json::append_pointer(pointer, "parameters"), i);
            std::string resolved;
            const value* item = follow(item_pointer, resolved);
            if (item == nullptr || !item->is_object()) {
                if (item != nullptr) {
                    error(item_pointer, "a parameter must be a mapping");
                }
                continue;
            }
            const object& p = item->as_object();
            parameter_spec spec{string_member(p, "name"), string_member(p, "in"), false, ""};
            if (spec.name.empty() || spec.location.empty()) {
                error(resolved, "a parameter needs 'name' and 'in'");
                continue;
            }
            if (const value* required = p.if_contains("required");
                required != nullptr && required->is_bool()) {
                spec.required = required->as_bool();
            }
            if (spec.location == "path" && !spec.required) {
                error(resolved, "path parameter '" + spec.name + "' must have required: true");
            }
            if (p.contains("schema")) {
                std::string schema_pointer;
                if (follow(json::append_pointer(resolved, "schema"), schema_pointer) != nullptr) {
                    spec.schema_pointer = schema_pointer;
                }
            }
            // An operation-level parameter overrides a path-level one of the same name and location.
            auto same = std::find_if(out.begin(), out.end(), [&](const parameter_spec& existing) {
                return existing.name == spec.name && existing.location == spec.location;
            });
            if (same != out.end()) {
                *same = spec;
            } else {
                out.push_back(spec);
            }
        }
    }

    void read_request_body(const object& op, const std::string& pointer, operation& out) {
        if (!op.contains("requestBody")) {
            return;
        }
        std::string resolved;
        const value* body = follow(json::append_pointer(pointer, "requestBody"), resolved);
        if (body == nullptr || !body->is_object()) {
            if (body != nullptr) {
                error(json::append_pointer(pointer, "requestBody"), "'requestBody' must be a mapping");
            }
            return;
        }
        request_body_spec spec;
        if (const value* required = body->as_object().if_contains("required");
            required && required->is_bool()) {
            spec.required = required->as_bool();
        }
        if (const value* content = body->as_object().if_contains("content");
            content && content->is_object()) {
            for (const auto& media : content->as_object()) {
                spec.media_types.emplace_back(media.key());
            }
        }
        if (spec.media_types.empty()) {
            error(resolved, "'requestBody' must list at least one media type under 'content'");
        }
        spec.json = json_payload(body->as_object(), resolved);
        out.request_body = std::move(spec);
    }

    void read_responses(const object& op, const std::string& pointer, operation& out) {
        const value* responses = op.if_contains("responses");
        const std::string responses_pointer = json::append_pointer(pointer, "responses");
        if (responses == nullptr || !responses->is_object() || responses->as_object().empty()) {
            error(responses != nullptr ? responses_pointer : pointer,
                  "an operation must have a non-empty 'responses' mapping");
            return;
        }
        for (const auto& entry : responses->as_object()) {
            const std::string entry_pointer = json::append_pointer(responses_pointer, entry.key());
            if (!valid_status_key(entry.key())) {
                error(entry_pointer, "response key '" + std::string(entry.key()) +
                                         "' is not a status code (100-599), a range like 4XX, or 'default'");
                continue;
            }
            std::string resolved;
            const value* response = follow(entry_pointer, resolved);
            if (response == nullptr || !response->is_object()) {
                if (response != nullptr) {
                    error(entry_pointer, "a response must be a mapping");
                }
                continue;
            }
            const object& r = response->as_object();
            response_spec spec{std::string(entry.key()), string_member(r, "description"), false,
                               std::nullopt};
            if (const value* assumed = r.if_contains("x-assumed"); assumed != nullptr && assumed->is_bool()) {
                spec.assumed = assumed->as_bool();
            }
            spec.json = json_payload(r, resolved);
            out.responses.push_back(std::move(spec));
        }
    }

    void read_security(const object& op, operation& out) {
        const value* requirements = op.if_contains("security");
        if (requirements == nullptr) {
            requirements = doc.root().as_object().if_contains("security");
        }
        if (requirements == nullptr || !requirements->is_array()) {
            return;
        }
        for (const auto& requirement : requirements->as_array()) {
            if (!requirement.is_object()) {
                continue;
            }
            for (const auto& scheme : requirement.as_object()) {
                const std::string scheme_pointer =
                    json::append_pointer("/components/securitySchemes", scheme.key());
                const value* definition = json::find_pointer(doc.root(), scheme_pointer);
                if (definition == nullptr || !definition->is_object()) {
                    error(out.pointer + "/security", "security scheme '" + std::string(scheme.key()) +
                                                         "' is not defined under components/securitySchemes");
                    continue;
                }
                out.security.push_back({std::string(scheme.key()),
                                        string_member(definition->as_object(), "type"),
                                        string_member(definition->as_object(), "scheme")});
            }
        }
    }

    void check_path_parameters(const operation& op) {
        std::set<std::string> in_template;
        for (const std::string& name : op.path.parameter_names()) {
            in_template.insert(name);
            const bool declared =
                std::any_of(op.parameters.begin(), op.parameters.end(),
                            [&](const parameter_spec& p) { return p.location == "path" && p.name == name; });
            if (!declared) {
                error(op.pointer,
                      "path parameter '" + name + "' of the template is not declared in 'parameters'");
            }
        }
        for (const parameter_spec& p : op.parameters) {
            if (p.location == "path" && !in_template.contains(p.name)) {
                error(op.pointer, "path parameter '" + p.name + "' does not appear in the path template");
            }
        }
    }

    void read_operations() {
        const object& paths = doc.root().as_object().at("paths").as_object();
        for (const auto& path_entry : paths) {
            const std::string path_pointer = json::append_pointer("/paths", path_entry.key());
            std::optional<path_template> path;
            try {
                path.emplace(std::string(path_entry.key()));
            } catch (const json::document_error& e) {
                error(path_pointer, e.message());
                continue;
            }
            const object* item = path_entry.value().if_object();
            if (item == nullptr) {
                error(path_pointer, "a path item must be a mapping");
                continue;
            }
            std::vector<parameter_spec> shared_parameters;
            read_parameters(*item, path_pointer, shared_parameters);
            for (const char* method : http_methods) {
                const value* op_value = item->if_contains(method);
                if (op_value == nullptr) {
                    continue;
                }
                const std::string op_pointer = json::append_pointer(path_pointer, method);
                if (!op_value->is_object()) {
                    error(op_pointer, "an operation must be a mapping");
                    continue;
                }
                const object& op = op_value->as_object();
                operation model{"",
                                *path,
                                string_member(op, "operationId"),
                                string_member(op, "summary"),
                                op_pointer,
                                shared_parameters,
                                std::nullopt,
                                {},
                                {}};
                model.method = method;
                std::transform(model.method.begin(), model.method.end(), model.method.begin(),
                               [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
                read_parameters(op, op_pointer, model.parameters);
                check_path_parameters(model);
                read_request_body(op, op_pointer, model);
                read_responses(op, op_pointer, model);
                read_security(op, model);
                result.operations_.push_back(std::move(model));
            }
        }
        if (result.operations_.empty() && !has_errors(found)) {
            error("/paths", "'paths' describes no operation");
        }
    }

    void attach_validator(std::optional<payload_spec>& payload) {
        if (!payload || payload->schema_pointer.empty()) {
            return;
        }
        try {
            payload->validator =
                std::make_shared<schema_validator>(result.translated_, payload->schema_pointer);
        } catch (const json::document_error& e) {
            error(payload->schema_pointer, e.message());
        }
    }

    void attach_validators() {
        for (operation& op : result.operations_) {
            if (op.request_body) {
                attach_validator(op.request_body->json);
            }
            for (response_spec& response : op.responses) {
                attach_validator(response.json);
            }
        }
    }

    std::optional<contract> run() {
        if (!read_header()) {
            return std::nullopt;
        }
        check_refs(doc, found);
        result.translated_ = std::make_shared<const value>(translate_schemas(doc, version, found));
        read_operations();
        if (has_errors(found)) {
            return std::nullopt;
        }
        attach_validators();
        if (has_errors(found)) {
            return std::nullopt;
        }
        result.document_ = std::make_shared<const json::source_document>(doc);
        result.warnings_ = found;
        return std::move(result);
    }
};

contract_check_result check_contract(const json::source_document& document) {
    contract_check_result outcome;
    contract_loader loader{document, outcome.found};
    outcome.loaded = loader.run();
    return outcome;
}

} // namespace harness::contract
