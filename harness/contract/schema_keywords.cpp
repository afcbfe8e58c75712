#include "schema_keywords.hpp"

#include "harness/json/pointer.hpp"

#include <algorithm>
#include <array>
#include <regex>
#include <string_view>

namespace harness::contract {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

constexpr std::array<std::string_view, 15> annotation_keywords = {
    "title",      "description", "default",   "example",          "examples",
    "deprecated", "readOnly",    "writeOnly", "externalDocs",     "xml",
    "$comment",   "$id",         "$schema",   "contentMediaType", "contentEncoding"};

constexpr std::array<std::string_view, 17> validation_keywords = {"type",          "enum",
                                                                  "const",         "multipleOf",
                                                                  "maximum",       "exclusiveMaximum",
                                                                  "minimum",       "exclusiveMinimum",
                                                                  "maxLength",     "minLength",
                                                                  "pattern",       "maxItems",
                                                                  "minItems",      "uniqueItems",
                                                                  "maxProperties", "minProperties",
                                                                  "required"};

constexpr std::array<std::string_view, 6> json_types_3_0 = {"string",  "number", "integer",
                                                            "boolean", "array",  "object"};

template <std::size_t N>
bool is_one_of(std::string_view key, const std::array<std::string_view, N>& list) {
    return std::find(list.begin(), list.end(), key) != list.end();
}

bool is_applicator(std::string_view key) {
    static constexpr std::array<std::string_view, 17> keys = {"properties",
                                                              "patternProperties",
                                                              "additionalProperties",
                                                              "items",
                                                              "additionalItems",
                                                              "allOf",
                                                              "anyOf",
                                                              "oneOf",
                                                              "not",
                                                              "if",
                                                              "then",
                                                              "else",
                                                              "contains",
                                                              "propertyNames",
                                                              "definitions",
                                                              "$defs",
                                                              "dependencies"};
    return is_one_of(key, keys);
}

} // namespace

keyword_translator::keyword_translator(const json::source_document& doc, openapi_version version,
                                       findings& out)
    : doc_(doc), version_(version), out_(out) {}

void keyword_translator::translate_own_keywords(value& schema, const std::string& pointer) {
    object& s = schema.as_object();
    check_type(s, pointer);
    translate_format(s, pointer);
    translate_exclusive_bounds(s, "exclusiveMinimum", "minimum");
    translate_exclusive_bounds(s, "exclusiveMaximum", "maximum");
    check_pattern(s, pointer);
    translate_nullable(schema, pointer);
}

void keyword_translator::drop_annotations_and_unsupported(object& s, const std::string& pointer) {
    std::vector<std::string> to_drop;
    for (const auto& member : s) {
        const std::string_view key = member.key();
        if (key.starts_with("x-") || is_one_of(key, annotation_keywords)) {
            to_drop.emplace_back(key);
            continue;
        }
        if (is_applicator(key) || is_one_of(key, validation_keywords) || key == "$ref" || key == "nullable" ||
            key == "format") {
            continue;
        }
        if (key == "discriminator") {
            warning(json::append_pointer(pointer, key),
                    "'discriminator' is not enforced (oneOf/anyOf still are): values are not routed by it");
        } else {
            warning(json::append_pointer(pointer, key),
                    "unsupported keyword '" + std::string(key) + "' is not checked");
        }
        to_drop.emplace_back(key);
    }
    for (const std::string& key : to_drop) {
        s.erase(key);
    }
}

void keyword_translator::handle_ref_siblings(object& s, const std::string& pointer) {
    if (version_ == openapi_version::v3_0) {
        std::string names;
        for (const auto& member : s) {
            if (member.key() != "$ref") {
                names += (names.empty() ? "" : ", ") + std::string(member.key());
            }
        }
        warning(pointer, "keywords beside $ref are ignored in OpenAPI 3.0 (" + names +
                             "); wrap the $ref in allOf to apply them");
        value ref = s.at("$ref");
        s.clear();
        s.emplace("$ref", std::move(ref));
        return;
    }
    // OpenAPI 3.1 (JSON Schema 2020-12) applies $ref's siblings too; draft 7 would not, so split them
    // out.
    object rest = s;
    rest.erase("$ref");
    value ref = s.at("$ref");
    s.clear();
    array all_of;
    object ref_only;
    ref_only.emplace("$ref", std::move(ref));
    all_of.emplace_back(std::move(ref_only));
    all_of.emplace_back(std::move(rest));
    s.emplace("allOf", std::move(all_of));
}

void keyword_translator::check_type(object& s, const std::string& pointer) {
    auto* type = s.if_contains("type");
    if (type == nullptr) {
        return;
    }
    const std::string type_pointer = json::append_pointer(pointer, "type");
    auto known = [&](const value& t) {
        if (!t.is_string()) {
            return false;
        }
        const std::string_view name = t.as_string();
        return is_one_of(name, json_types_3_0) || (version_ == openapi_version::v3_1 && name == "null");
    };
    if (type->is_string()) {
        if (!known(*type)) {
            error(type_pointer,
                  "unknown type '" + std::string(type->as_string()) + "'" +
                      (type->as_string() == "null" ? " in OpenAPI 3.0 (use nullable: true)" : ""));
            s.erase("type");
        }
        return;
    }
    if (type->is_array() && version_ == openapi_version::v3_1 &&
        std::all_of(type->as_array().begin(), type->as_array().end(), known)) {
        return;
    }
    error(type_pointer, version_ == openapi_version::v3_0
                            ? "type must be one string in OpenAPI 3.0 (use nullable: true for null)"
                            : "type must be a type name or an array of type names");
    s.erase("type");
}

void keyword_translator::translate_format(object& s, const std::string& pointer) {
    auto* format = s.if_contains("format");
    if (format == nullptr) {
        return;
    }
    const std::string name = format->is_string() ? std::string(format->as_string()) : std::string();
    if (name == "date" || name == "time" || name == "date-time") {
        return; // valijson checks these three
    }
    s.erase("format");
    if (name == "int32") {
        // OpenAPI's int32 is a range: enforce it as one unless the schema sets its own bounds.
        s.emplace("minimum", static_cast<std::int64_t>(-2147483648LL));
        s.emplace("maximum", static_cast<std::int64_t>(2147483647LL));
    } else if (name == "int64" || name == "float" || name == "double") {
        // Covered by `type`: Boost.JSON integers are int64, and JSON numbers are doubles.
    } else {
        warning(json::append_pointer(pointer, "format"), "format '" + name + "' is not checked");
    }
}

void keyword_translator::translate_exclusive_bounds(object& s, const char* exclusive_key,
                                                    const char* bound_key) {
    auto* exclusive = s.if_contains(exclusive_key);
    if (exclusive == nullptr || !exclusive->is_bool()) {
        return;
    }
    // OpenAPI 3.0 (draft 4) writes `exclusiveMinimum: true` beside `minimum`; draft 7 wants the number.
    const bool is_exclusive = exclusive->as_bool();
    s.erase(exclusive_key);
    if (is_exclusive) {
        if (auto* bound = s.if_contains(bound_key)) {
            value limit = *bound;
            s.erase(bound_key);
            s.emplace(exclusive_key, std::move(limit));
        }
    }
}

void keyword_translator::check_pattern(object& s, const std::string& pointer) {
    auto* pattern = s.if_contains("pattern");
    if (pattern == nullptr) {
        return;
    }
    try {
        if (!pattern->is_string()) {
            throw std::regex_error(std::regex_constants::error_badrepeat);
        }
        std::regex compiled(std::string(pattern->as_string()), std::regex::ECMAScript);
    } catch (const std::regex_error&) {
        error(json::append_pointer(pointer, "pattern"),
              "pattern is not a valid ECMAScript regular expression");
        s.erase("pattern");
    }
}

void keyword_translator::translate_nullable(value& schema, const std::string& pointer) {
    object& s = schema.as_object();
    auto* nullable = s.if_contains("nullable");
    if (nullable == nullptr) {
        return;
    }
    if (version_ == openapi_version::v3_1) {
        warning(json::append_pointer(pointer, "nullable"), "'nullable' is OpenAPI 3.0; read as 3.0 reads it");
    }
    if (!nullable->is_bool()) {
        error(json::append_pointer(pointer, "nullable"), "nullable must be true or false");
        s.erase("nullable");
        return;
    }
    const bool allows_null = nullable->as_bool();
    s.erase("nullable");
    if (!allows_null) {
        return;
    }
    const bool composite = s.contains("$ref") || s.contains("allOf") || s.contains("anyOf") ||
                           s.contains("oneOf") || s.contains("not");
    if (composite) {
        // null must bypass every other keyword, so the whole schema becomes one branch of an anyOf.
        object null_branch;
        null_branch.emplace("type", "null");
        array branches;
        branches.emplace_back(std::move(null_branch));
        branches.emplace_back(std::move(s));
        object wrapped;
        wrapped.emplace("anyOf", std::move(branches));
        schema = std::move(wrapped);
        return;
    }
    if (auto* type = s.if_contains("type")) {
        if (type->is_string()) {
            array types;
            types.emplace_back(type->as_string());
            types.emplace_back("null");
            *type = std::move(types);
        } else if (type->is_array() && std::find(type->as_array().begin(), type->as_array().end(),
                                                 value("null")) == type->as_array().end()) {
            type->as_array().emplace_back("null");
        }
    }
    if (auto* enumeration = s.if_contains("enum"); enumeration != nullptr && enumeration->is_array()) {
        enumeration->as_array().emplace_back(nullptr);
    }
}

void keyword_translator::error(const std::string& pointer, const std::string& message) {
    out_.push_back({finding_severity::error, doc_.locate(pointer), message});
}

void keyword_translator::warning(const std::string& pointer, const std::string& message) {
    out_.push_back({finding_severity::warning, doc_.locate(pointer), message});
}

} // namespace harness::contract
