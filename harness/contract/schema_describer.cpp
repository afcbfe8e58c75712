#include "schema_describer.hpp"

#include "harness/json/pointer.hpp"
#include "ref_resolver.hpp"

#include <algorithm>

namespace harness::contract {

namespace {

using boost::json::object;
using boost::json::value;

std::string component_name(std::string_view pointer) {
    const std::size_t slash = pointer.rfind('/');
    return json::unescape_pointer_token(pointer.substr(slash + 1));
}

const value* ref_target(const object& schema, std::string& pointer) {
    const value* ref = schema.if_contains("$ref");
    if (ref == nullptr || !ref->is_string()) {
        return nullptr;
    }
    return local_ref_pointer(ref->as_string(), pointer) ? ref : nullptr;
}

// A schema that only wraps one named schema: {$ref} or {allOf: [{$ref}]}.
bool single_reference(const object& schema, std::string& pointer) {
    if (ref_target(schema, pointer) != nullptr) {
        return true;
    }
    const value* all_of = schema.if_contains("allOf");
    if (all_of != nullptr && all_of->is_array() && all_of->as_array().size() == 1 &&
        all_of->as_array()[0].is_object()) {
        return ref_target(all_of->as_array()[0].as_object(), pointer) != nullptr;
    }
    return false;
}

bool is_nullable(const object& schema) {
    if (const value* nullable = schema.if_contains("nullable"); nullable != nullptr && nullable->is_bool()) {
        return nullable->as_bool();
    }
    if (const value* type = schema.if_contains("type"); type != nullptr && type->is_array()) {
        const auto& types = type->as_array();
        return std::find(types.begin(), types.end(), value("null")) != types.end();
    }
    // No type and no constraint at all ("any value", such as ResponseWrapper.data) admits null too.
    return !schema.contains("type") && !schema.contains("$ref") && !schema.contains("allOf") &&
           !schema.contains("anyOf") && !schema.contains("oneOf") && !schema.contains("enum") &&
           !schema.contains("const") && !schema.contains("not");
}

std::string type_words(const object& schema, std::vector<std::string>& referenced) {
    std::string target;
    if (single_reference(schema, target)) {
        referenced.push_back(target);
        return component_name(target);
    }
    const value* type = schema.if_contains("type");
    std::string name;
    if (type != nullptr && type->is_string()) {
        name = type->as_string();
    } else if (type != nullptr && type->is_array()) {
        for (const auto& t : type->as_array()) {
            if (t.is_string() && t.as_string() != "null") {
                name += (name.empty() ? "" : " or ") + std::string(t.as_string());
            }
        }
    }
    if (name.empty()) {
        return schema.contains("anyOf") || schema.contains("oneOf") || schema.contains("allOf") ? "composite"
                                                                                                : "any";
    }
    if (name == "array") {
        if (const value* items = schema.if_contains("items"); items != nullptr && items->is_object()) {
            return "array of " + type_words(items->as_object(), referenced);
        }
    }
    if (name == "object" && !schema.contains("properties") && schema.contains("additionalProperties")) {
        return "object (map)";
    }
    if (const value* format = schema.if_contains("format"); format != nullptr && format->is_string()) {
        name += " (" + std::string(format->as_string()) + ")";
    }
    return name;
}

void merge_fields(const json::source_document& doc, const std::string& pointer, schema_description& out,
                  int depth) {
    std::string resolved;
    const value* v = follow_refs(doc.root(), pointer, resolved);
    if (v == nullptr || !v->is_object() || depth > 16) {
        return;
    }
    const object& schema = v->as_object();
    if (const value* all_of = schema.if_contains("allOf"); all_of != nullptr && all_of->is_array()) {
        for (std::size_t i = 0; i < all_of->as_array().size(); ++i) {
            merge_fields(doc, json::append_pointer(json::append_pointer(resolved, "allOf"), i), out,
                         depth + 1);
        }
    }
    std::vector<std::string> required;
    if (const value* list = schema.if_contains("required"); list != nullptr && list->is_array()) {
        for (const auto& name : list->as_array()) {
            if (name.is_string()) {
                required.emplace_back(name.as_string());
            }
        }
    }
    if (const value* properties = schema.if_contains("properties");
        properties != nullptr && properties->is_object()) {
        for (const auto& property : properties->as_object()) {
            if (!property.value().is_object()) {
                continue;
            }
            const object& field_schema = property.value().as_object();
            field_description field{std::string(property.key()), type_words(field_schema, out.referenced),
                                    false, is_nullable(field_schema)};
            auto existing = std::find_if(out.fields.begin(), out.fields.end(),
                                         [&](const field_description& f) { return f.name == field.name; });
            if (existing == out.fields.end()) {
                out.fields.push_back(field);
            } else if (field.type != "any") {
                // A later allOf part narrows the field (e.g. the failure envelope's success: false).
                existing->type = field.type;
                existing->nullable = existing->nullable && field.nullable;
            }
        }
    }
    for (field_description& field : out.fields) {
        if (std::find(required.begin(), required.end(), field.name) != required.end()) {
            field.required = true;
        }
    }
}

} // namespace

schema_description describe_schema(const json::source_document& doc, std::string_view pointer) {
    schema_description description;
    const value* schema = follow_refs(doc.root(), pointer, description.pointer);
    if (schema == nullptr || !schema->is_object()) {
        description.type = "invalid";
        return description;
    }
    if (description.pointer.starts_with("/components/schemas/")) {
        description.name = component_name(description.pointer);
    }
    const object& s = schema->as_object();
    if (const value* assumed = s.if_contains("x-assumed"); assumed != nullptr && assumed->is_bool()) {
        description.assumed = assumed->as_bool();
    }
    std::vector<std::string> own_refs;
    description.type = s.contains("allOf") ? "object" : type_words(s, own_refs);
    merge_fields(doc, description.pointer, description, 0);
    std::sort(description.referenced.begin(), description.referenced.end());
    description.referenced.erase(std::unique(description.referenced.begin(), description.referenced.end()),
                                 description.referenced.end());
    return description;
}

} // namespace harness::contract
