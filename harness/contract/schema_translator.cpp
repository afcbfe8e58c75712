#include "schema_translator.hpp"

#include "harness/json/pointer.hpp"
#include "schema_keywords.hpp"

#include <string_view>

namespace harness::contract {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

class translator {
public:
    translator(const json::source_document& doc, openapi_version version, findings& out)
        : doc_(doc), version_(version), keywords_(doc, version, out) {}

    value run() {
        value root = doc_.root();
        auto* top = root.if_object();
        if (top == nullptr) {
            return root;
        }
        if (auto* paths = top->if_contains("paths"); paths != nullptr && paths->is_object()) {
            for (auto& path : paths->as_object()) {
                translate_path_item(path.value(), json::append_pointer("/paths", path.key()));
            }
        }
        if (auto* components = top->if_contains("components");
            components != nullptr && components->is_object()) {
            translate_components(components->as_object(), "/components");
        }
        return root;
    }

private:
    void translate_components(object& components, const std::string& pointer) {
        for_each_member(components, "schemas", pointer,
                        [&](value& v, const std::string& p) { translate_schema(v, p); });
        for_each_member(components, "parameters", pointer,
                        [&](value& v, const std::string& p) { translate_parameter(v, p); });
        for_each_member(components, "headers", pointer,
                        [&](value& v, const std::string& p) { translate_parameter(v, p); });
        for_each_member(components, "requestBodies", pointer,
                        [&](value& v, const std::string& p) { translate_content_holder(v, p); });
        for_each_member(components, "responses", pointer,
                        [&](value& v, const std::string& p) { translate_response(v, p); });
    }

    template <typename Fn>
    void for_each_member(object& parent, std::string_view key, const std::string& pointer, Fn fn) {
        auto* holder = parent.if_contains(key);
        if (holder == nullptr || !holder->is_object()) {
            return;
        }
        const std::string holder_pointer = json::append_pointer(pointer, key);
        for (auto& member : holder->as_object()) {
            fn(member.value(), json::append_pointer(holder_pointer, member.key()));
        }
    }

    void translate_path_item(value& item, const std::string& pointer) {
        auto* path_item = item.if_object();
        if (path_item == nullptr) {
            return;
        }
        translate_parameter_list(*path_item, pointer);
        for (auto& member : *path_item) {
            if (member.value().is_object() && member.key() != "parameters" && member.key() != "servers") {
                translate_operation(member.value().as_object(), json::append_pointer(pointer, member.key()));
            }
        }
    }

    void translate_operation(object& operation, const std::string& pointer) {
        translate_parameter_list(operation, pointer);
        if (auto* body = operation.if_contains("requestBody")) {
            translate_content_holder(*body, json::append_pointer(pointer, "requestBody"));
        }
        for_each_member(operation, "responses", pointer,
                        [&](value& v, const std::string& p) { translate_response(v, p); });
    }

    void translate_parameter_list(object& holder, const std::string& pointer) {
        auto* list = holder.if_contains("parameters");
        if (list == nullptr || !list->is_array()) {
            return;
        }
        const std::string list_pointer = json::append_pointer(pointer, "parameters");
        std::size_t index = 0;
        for (auto& parameter : list->as_array()) {
            translate_parameter(parameter, json::append_pointer(list_pointer, index++));
        }
    }

    void translate_parameter(value& parameter, const std::string& pointer) {
        if (auto* object_value = parameter.if_object()) {
            if (auto* schema = object_value->if_contains("schema")) {
                translate_schema(*schema, json::append_pointer(pointer, "schema"));
            }
            translate_content_holder(parameter, pointer);
        }
    }

    void translate_response(value& response, const std::string& pointer) {
        translate_content_holder(response, pointer);
        if (auto* object_value = response.if_object()) {
            for_each_member(*object_value, "headers", pointer,
                            [&](value& v, const std::string& p) { translate_parameter(v, p); });
        }
    }

    void translate_content_holder(value& holder, const std::string& pointer) {
        auto* holder_object = holder.if_object();
        if (holder_object == nullptr) {
            return;
        }
        for_each_member(*holder_object, "content", pointer, [&](value& media, const std::string& p) {
            if (auto* media_object = media.if_object()) {
                if (auto* schema = media_object->if_contains("schema")) {
                    translate_schema(*schema, json::append_pointer(p, "schema"));
                }
            }
        });
    }

    void translate_schema(value& schema, const std::string& pointer) {
        if (schema.is_bool()) {
            if (version_ == openapi_version::v3_0) {
                keywords_.error(pointer,
                                "a schema must be an object in OpenAPI 3.0 (boolean schemas are 3.1)");
            }
            return;
        }
        auto* object_value = schema.if_object();
        if (object_value == nullptr) {
            keywords_.error(pointer, "a schema must be an object");
            return;
        }
        object& s = *object_value;
        keywords_.drop_annotations_and_unsupported(s, pointer);
        if (s.contains("$ref") && s.size() > 1) {
            keywords_.handle_ref_siblings(s, pointer);
        }
        translate_children(s, pointer);
        keywords_.translate_own_keywords(schema, pointer);
    }

    void translate_children(object& s, const std::string& pointer) {
        for (const char* key : {"properties", "patternProperties", "definitions", "$defs"}) {
            for_each_member(s, key, pointer, [&](value& v, const std::string& p) { translate_schema(v, p); });
        }
        for (const char* key : {"additionalProperties", "additionalItems", "not", "if", "then", "else",
                                "contains", "propertyNames"}) {
            if (auto* child = s.if_contains(key); child != nullptr && !child->is_bool()) {
                translate_schema(*child, json::append_pointer(pointer, key));
            }
        }
        if (auto* items = s.if_contains("items")) {
            if (items->is_array()) {
                translate_schema_list(items->as_array(), json::append_pointer(pointer, "items"));
            } else {
                translate_schema(*items, json::append_pointer(pointer, "items"));
            }
        }
        for (const char* key : {"allOf", "anyOf", "oneOf"}) {
            if (auto* list = s.if_contains(key)) {
                if (!list->is_array() || list->as_array().empty()) {
                    keywords_.error(json::append_pointer(pointer, key),
                                    std::string(key) + " must be a non-empty array of schemas");
                    s.erase(key);
                    continue;
                }
                translate_schema_list(list->as_array(), json::append_pointer(pointer, key));
            }
        }
        if (auto* dependencies = s.if_contains("dependencies");
            dependencies != nullptr && dependencies->is_object()) {
            for (auto& member : dependencies->as_object()) {
                if (member.value().is_object()) {
                    translate_schema(
                        member.value(),
                        json::append_pointer(json::append_pointer(pointer, "dependencies"), member.key()));
                }
            }
        }
    }

    void translate_schema_list(array& list, const std::string& pointer) {
        std::size_t index = 0;
        for (auto& item : list) {
            translate_schema(item, json::append_pointer(pointer, index++));
        }
    }

    const json::source_document& doc_;
    openapi_version version_;
    keyword_translator keywords_;
};

} // namespace

value translate_schemas(const json::source_document& doc, openapi_version version, findings& out) {
    return translator(doc, version, out).run();
}

} // namespace harness::contract
