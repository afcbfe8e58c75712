#include "compiled_schema.hpp"

#include "compiled_schema_walker.hpp"
#include "harness/json/dom_view.hpp"
#include "harness/json/pointer.hpp"
#include "ref_resolver.hpp"

#include <algorithm>
#include <array>
#include <regex>

namespace harness::contract {

namespace {

using boost::json::value;

// The keywords valijson reads (draft 7) that the program does not compile: a schema with one of them is
// judged by valijson alone. Annotations and unknown keywords are ignored by both.
constexpr std::array<std::string_view, 10> uncompiled_keywords = {"multipleOf",
                                                                  "patternProperties",
                                                                  "additionalItems",
                                                                  "contains",
                                                                  "propertyNames",
                                                                  "dependencies",
                                                                  "if",
                                                                  "then",
                                                                  "else",
                                                                  "format"};

std::uint8_t type_bit(std::string_view name) {
    using t = compiled_schema::node;
    if (name == "null") {
        return t::null_type;
    }
    if (name == "boolean") {
        return t::boolean_type;
    }
    if (name == "object") {
        return t::object_type;
    }
    if (name == "array") {
        return t::array_type;
    }
    if (name == "number") {
        return t::number_type;
    }
    if (name == "integer") {
        return t::integer_type;
    }
    if (name == "string") {
        return t::string_type;
    }
    return 0;
}

// The bits of the types `type` names: one name or a list of them.
std::uint8_t type_mask(const value& v) {
    std::uint8_t mask = 0;
    if (v.is_string()) {
        mask = type_bit(v.as_string());
    } else if (v.is_array()) {
        for (const auto& name : v.as_array()) {
            mask |= name.is_string() ? type_bit(name.as_string()) : 0;
        }
    }
    return mask;
}

bool read_count(const value& v, std::uint64_t& out) {
    if (const auto* n = v.if_int64(); n != nullptr && *n >= 0) {
        out = static_cast<std::uint64_t>(*n);
        return true;
    }
    if (const auto* n = v.if_uint64()) {
        out = *n;
        return true;
    }
    if (const auto* d = v.if_double(); d != nullptr && *d >= 0) {
        out = static_cast<std::uint64_t>(*d);
        return true;
    }
    return false;
}

enum class bound_read { not_a_bound, read, unreadable };

// The keywords that bound a number, a length or a count: read into `compiled` when `key` is one of them.
bound_read read_bound(std::string_view key, const value& v, compiled_schema::node& compiled) {
    if (key == "maximum" || key == "minimum" || key == "exclusiveMaximum" || key == "exclusiveMinimum") {
        if (!v.is_number()) {
            return bound_read::unreadable;
        }
        (key == "maximum"            ? compiled.maximum
         : key == "minimum"          ? compiled.minimum
         : key == "exclusiveMaximum" ? compiled.exclusive_maximum
                                     : compiled.exclusive_minimum) = v.to_number<double>();
        return bound_read::read;
    }
    if (key == "maxLength" || key == "minLength" || key == "maxItems" || key == "minItems" ||
        key == "maxProperties" || key == "minProperties") {
        std::uint64_t count = 0;
        if (!read_count(v, count)) {
            return bound_read::unreadable;
        }
        (key == "maxLength"       ? compiled.max_length
         : key == "minLength"     ? compiled.min_length
         : key == "maxItems"      ? compiled.max_items
         : key == "minItems"      ? compiled.min_items
         : key == "maxProperties" ? compiled.max_properties
                                  : compiled.min_properties) = count;
        return bound_read::read;
    }
    return bound_read::not_a_bound;
}

} // namespace

struct compiled_schema::patterns {
    std::vector<std::regex> compiled;
};

compiled_schema::compiled_schema(const value& document, std::string_view schema_pointer)
    : patterns_(std::make_unique<patterns>()) {
    root_ = compile(document, std::string(schema_pointer), 0);
    compiled_pointers_.clear();
    compiled_pointers_.shrink_to_fit();
}

compiled_schema::~compiled_schema() = default;

void compiled_schema::note_missing(const std::string& pointer, std::string_view keyword) {
    if (missing_.empty()) {
        missing_ = "'" + std::string(keyword) + "' at " + (pointer.empty() ? "/" : pointer);
    }
}

int compiled_schema::compile(const value& document, const std::string& pointer, int depth) {
    for (const auto& [seen, index] : compiled_pointers_) {
        if (seen == pointer) {
            return index;
        }
    }
    const value* schema = json::find_pointer(document, pointer);
    const int index = static_cast<int>(nodes_.size());
    nodes_.emplace_back();
    compiled_pointers_.emplace_back(pointer, index);
    if (depth > 64 || schema == nullptr) {
        note_missing(pointer, schema == nullptr ? "$ref target" : "depth");
        return index;
    }
    if (schema->is_bool()) {
        // `true` accepts everything; a `false` schema is valijson's alone (additionalProperties: false
        // aside).
        if (!schema->as_bool()) {
            note_missing(pointer, "false");
        }
        return index;
    }
    if (!schema->is_object()) {
        note_missing(pointer, "schema");
        return index;
    }
    const auto& object = schema->as_object();
    if (const auto* ref = object.if_contains("$ref")) {
        // valijson follows a $ref and ignores its siblings, as draft 7 says: this node becomes the target's.
        std::string target;
        if (!ref->is_string() || !local_ref_pointer(ref->as_string(), target)) {
            note_missing(pointer, "$ref");
            return index;
        }
        const int resolved = compile(document, target, depth + 1);
        nodes_[static_cast<std::size_t>(index)].alias = resolved;
        return index;
    }
    compile_keywords(document, object, pointer, index, depth);
    return index;
}

namespace {

// Where each required name sits among the declared properties (-1: required but not declared).
std::vector<int> property_indices(const std::vector<std::string>& names,
                                  const std::vector<std::pair<std::string, int>>& properties) {
    std::vector<int> indices;
    for (const std::string& name : names) {
        const auto declared = std::find_if(properties.begin(), properties.end(),
                                           [&name](const auto& p) { return p.first == name; });
        indices.push_back(declared == properties.end() ? -1
                                                       : static_cast<int>(declared - properties.begin()));
    }
    return indices;
}

} // namespace

void compiled_schema::compile_keywords(const value& document, const boost::json::object& schema,
                                       const std::string& pointer, int index, int depth) {
    node compiled;
    auto child = [&](std::string_view key) {
        return compile(document, json::append_pointer(pointer, key), depth + 1);
    };
    auto children = [&](std::string_view key, const value& list, std::vector<int>& out) {
        if (!list.is_array()) {
            note_missing(pointer, key);
            return;
        }
        const std::string base = json::append_pointer(pointer, key);
        for (std::size_t i = 0; i < list.as_array().size(); ++i) {
            out.push_back(compile(document, json::append_pointer(base, i), depth + 1));
        }
    };
    for (const auto& member : schema) {
        const std::string_view key = member.key();
        const value& v = member.value();
        if (std::find(uncompiled_keywords.begin(), uncompiled_keywords.end(), key) !=
                uncompiled_keywords.end() ||
            (key == "uniqueItems" && !(v.is_bool() && !v.as_bool()))) {
            note_missing(pointer, key);
        } else if (key == "type") {
            compiled.types = type_mask(v);
        } else if (key == "enum" && v.is_array()) {
            compiled.enum_values.assign(v.as_array().begin(), v.as_array().end());
            compiled.has_enum = true;
        } else if (key == "const") {
            compiled.constant = v;
        } else if (const bound_read read = read_bound(key, v, compiled); read != bound_read::not_a_bound) {
            if (read == bound_read::unreadable) {
                note_missing(pointer, key);
            }
        } else if (key == "pattern" && v.is_string()) {
            try {
                patterns_->compiled.emplace_back(std::string(v.as_string()));
                compiled.pattern = static_cast<int>(patterns_->compiled.size()) - 1;
            } catch (const std::regex_error&) {
                note_missing(pointer, key);
            }
        } else if (key == "required" && v.is_array()) {
            for (const auto& name : v.as_array()) {
                if (name.is_string()) {
                    compiled.required.emplace_back(name.as_string());
                }
            }
        } else if (key == "properties" && v.is_object()) {
            const std::string base = json::append_pointer(pointer, "properties");
            for (const auto& property : v.as_object()) {
                const int target = compile(document, json::append_pointer(base, property.key()), depth + 1);
                compiled.properties.emplace_back(std::string(property.key()), target);
            }
        } else if (key == "additionalProperties") {
            if (v.is_bool()) {
                compiled.additional_forbidden = !v.as_bool();
            } else {
                compiled.additional = child(key);
            }
        } else if (key == "items") {
            if (v.is_array()) {
                note_missing(pointer, "items (a list)");
            } else {
                compiled.items = child(key);
            }
        } else if (key == "allOf" || key == "anyOf" || key == "oneOf") {
            children(key, v,
                     key == "allOf"   ? compiled.all_of
                     : key == "anyOf" ? compiled.any_of
                                      : compiled.one_of);
        } else if (key == "not") {
            compiled.negated = child(key);
        }
    }
    // Both are read in a valijson order of its own; for a verdict only the set matters.
    compiled.required_property = property_indices(compiled.required, compiled.properties);
    nodes_[static_cast<std::size_t>(index)] = std::move(compiled);
}

bool compiled_schema::conforms(const value& instance) const noexcept {
    walker<false, json::boost_view> walk{nodes_, patterns_->compiled, nullptr, nullptr};
    return walk.visit(root_, json::boost_view(instance));
}

bool compiled_schema::conforms(const json::dom_view& instance) const noexcept {
    walker<false, json::dom_view> walk{nodes_, patterns_->compiled, nullptr, nullptr};
    return walk.visit(root_, instance);
}

std::vector<schema_failure> compiled_schema::failures(const value& instance) const {
    std::vector<schema_failure> raw;
    std::string pointer;
    walker<true, json::boost_view> walk{nodes_, patterns_->compiled, &raw, &pointer};
    if (walk.visit(root_, json::boost_view(instance))) {
        return {};
    }
    return deepest_failures(std::move(raw));
}

} // namespace harness::contract
