#include "schema_validator.hpp"

#include "harness/json/document_error.hpp"
#include "harness/json/pointer.hpp"
#include "ref_resolver.hpp"

#include <algorithm>
#include <regex>
#include <set>
#include <string_view>
#include <vector>

#include <boost/json/serialize.hpp>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace harness::contract {

namespace {

using boost::json::value;

// valijson names each step of the instance path "[name]" or "[index]" after a leading "<root>".
std::string context_to_pointer(const std::vector<std::string>& context) {
    std::string pointer;
    for (const std::string& part : context) {
        if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
            pointer = json::append_pointer(pointer, std::string_view(part).substr(1, part.size() - 2));
        }
    }
    return pointer;
}

std::string describe_value(const value* v) {
    if (v == nullptr) {
        return "absent";
    }
    switch (v->kind()) {
    case boost::json::kind::null:
        return "null";
    case boost::json::kind::bool_:
        return v->as_bool() ? "boolean true" : "boolean false";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
        return "integer " + boost::json::serialize(*v);
    case boost::json::kind::double_:
        return "number " + boost::json::serialize(*v);
    case boost::json::kind::string: {
        std::string text = boost::json::serialize(*v);
        if (text.size() > 42) {
            text = text.substr(0, 40) + "...\"";
        }
        return "string " + text;
    }
    case boost::json::kind::array:
        return "array of " + std::to_string(v->as_array().size()) + " items";
    case boost::json::kind::object:
        return "object";
    }
    return "value";
}

// The schemas that apply to the instance at a pointer, found by walking properties/items from the root schema
// and expanding $ref/allOf/anyOf/oneOf. Used only to say in words what was expected.
class expectation_finder {
public:
    expectation_finder(const value& document, std::string root_pointer)
        : document_(document), root_pointer_(std::move(root_pointer)) {}

    std::vector<const boost::json::object*> schemas_at(std::string_view instance_pointer) const {
        std::vector<const boost::json::object*> current;
        expand(root_pointer_, current, 0);
        std::vector<std::string> tokens;
        json::split_pointer(instance_pointer, tokens);
        for (const std::string& token : tokens) {
            std::vector<const boost::json::object*> next;
            for (const auto* schema : current) {
                descend(*schema, token, next);
            }
            current = std::move(next);
        }
        return current;
    }

    std::string expected_types(std::string_view instance_pointer) const {
        std::set<std::string> types;
        for (const auto* schema : schemas_at(instance_pointer)) {
            if (const auto* type = schema->if_contains("type")) {
                if (type->is_string()) {
                    types.insert(std::string(type->as_string()));
                } else if (type->is_array()) {
                    for (const auto& t : type->as_array()) {
                        if (t.is_string()) {
                            types.insert(std::string(t.as_string()));
                        }
                    }
                }
            }
        }
        if (types.empty()) {
            return "another type";
        }
        std::string text;
        for (const std::string& t : types) {
            if (t != "null") {
                text += (text.empty() ? "" : " or ") + t;
            }
        }
        if (types.contains("null")) {
            text += (text.empty() ? "" : " or ") + std::string("null");
        }
        return text;
    }

    std::string expected_enum(std::string_view instance_pointer) const {
        for (const auto* schema : schemas_at(instance_pointer)) {
            if (const auto* values = schema->if_contains("enum")) {
                return "one of " + boost::json::serialize(*values);
            }
            if (const auto* constant = schema->if_contains("const")) {
                return boost::json::serialize(*constant);
            }
        }
        return "an allowed value";
    }

private:
    void expand(const std::string& pointer, std::vector<const boost::json::object*>& out, int depth) const {
        std::string resolved;
        const value* v = follow_refs(document_, pointer, resolved);
        if (v == nullptr || !v->is_object() || depth > 32) {
            return;
        }
        const auto& schema = v->as_object();
        out.push_back(&schema);
        for (const char* key : {"allOf", "anyOf", "oneOf"}) {
            if (const auto* list = schema.if_contains(key); list != nullptr && list->is_array()) {
                for (std::size_t i = 0; i < list->as_array().size(); ++i) {
                    expand(json::append_pointer(json::append_pointer(resolved, key), i), out, depth + 1);
                }
            }
        }
    }

    void descend(const boost::json::object& schema, const std::string& token,
                 std::vector<const boost::json::object*>& out) const {
        const std::string base = pointer_of(schema);
        if (base.empty() && &schema != root_object()) {
            return;
        }
        if (const auto* properties = schema.if_contains("properties");
            properties != nullptr && properties->is_object() && properties->as_object().contains(token)) {
            expand(json::append_pointer(json::append_pointer(base, "properties"), token), out, 0);
        } else if (const auto* extra = schema.if_contains("additionalProperties");
                   extra != nullptr && extra->is_object()) {
            expand(json::append_pointer(base, "additionalProperties"), out, 0);
        }
        if (const auto* items = schema.if_contains("items"); items != nullptr && items->is_object()) {
            expand(json::append_pointer(base, "items"), out, 0);
        }
    }

    // Pointers are needed to expand children through follow_refs; find the schema's place once by identity.
    std::string pointer_of(const boost::json::object& schema) const {
        std::string found;
        locate(document_, "", &schema, found);
        return found;
    }

    static bool locate(const value& node, const std::string& pointer, const boost::json::object* target,
                       std::string& found) {
        if (const auto* object = node.if_object()) {
            if (object == target) {
                found = pointer;
                return true;
            }
            for (const auto& member : *object) {
                if (locate(member.value(), json::append_pointer(pointer, member.key()), target, found)) {
                    return true;
                }
            }
        } else if (const auto* array = node.if_array()) {
            for (std::size_t i = 0; i < array->size(); ++i) {
                if (locate((*array)[i], json::append_pointer(pointer, i), target, found)) {
                    return true;
                }
            }
        }
        return false;
    }

    const boost::json::object* root_object() const { return document_.if_object(); }

    const value& document_;
    std::string root_pointer_;
};

struct raw_error {
    std::string pointer;
    std::string description;
};

bool is_wrapper_error(const std::string& description) {
    return description.starts_with("Failed to validate");
}

bool is_ancestor_or_same(const std::string& ancestor, const std::string& pointer) {
    return pointer.compare(0, ancestor.size(), ancestor) == 0 &&
           (pointer.size() == ancestor.size() || pointer[ancestor.size()] == '/');
}

// valijson reports a failure at every level it passes through; keep what names the actual cause.
std::vector<raw_error> deepest_errors(std::vector<raw_error> errors) {
    std::vector<raw_error> kept;
    for (const raw_error& candidate : errors) {
        bool superseded = false;
        for (const raw_error& other : errors) {
            if (&other == &candidate) {
                continue;
            }
            const bool deeper = other.pointer.size() > candidate.pointer.size() &&
                                is_ancestor_or_same(candidate.pointer, other.pointer);
            const bool same_place_specific = other.pointer == candidate.pointer &&
                                             is_wrapper_error(candidate.description) &&
                                             !is_wrapper_error(other.description);
            if (deeper || same_place_specific) {
                superseded = true;
                break;
            }
        }
        if (!superseded) {
            kept.push_back(candidate);
        }
    }
    return kept;
}

// A property's name may hold any character, a line break included: [\s\S], not `.`.
const std::regex missing_required("Missing required property '([\\s\\S]*)'\\.");
const std::regex extra_property("Object contains a property that could not be validated using "
                                "'properties' or 'additionalProperties' constraints: '([\\s\\S]*)'\\.");

// A missing or unexpected property is reported at its own place, not at the object holding it, so that it is
// not mistaken for a parent of other failures.
raw_error make_raw_error(const std::vector<std::string>& context, const std::string& description) {
    std::string pointer = context_to_pointer(context);
    std::smatch match;
    if (std::regex_match(description, match, missing_required) ||
        std::regex_match(description, match, extra_property)) {
        pointer = json::append_pointer(pointer, match[1].str());
    }
    return {std::move(pointer), description};
}

violation to_violation(const raw_error& error, const value& instance, const expectation_finder& finder) {
    static const std::regex string_length("String should be no (more|fewer) than ([0-9]+) characters.*");
    static const std::regex number_bound("Expected number (less|greater) than( or equal to)? (.*)");
    std::smatch match;
    const value* actual = json::find_pointer(instance, error.pointer);
    if (std::regex_match(error.description, match, missing_required)) {
        return {error.pointer, "required", "present", "absent"};
    }
    if (std::regex_match(error.description, match, extra_property)) {
        return {error.pointer, "additionalProperties", "no such property", "present"};
    }
    if (error.description == "Value type not permitted by 'type' constraint.") {
        return {error.pointer, "type", finder.expected_types(error.pointer), describe_value(actual)};
    }
    if (error.description.find("enum") != std::string::npos ||
        error.description.find("'const'") != std::string::npos) {
        return {error.pointer, error.description.find("enum") != std::string::npos ? "enum" : "const",
                finder.expected_enum(error.pointer), describe_value(actual)};
    }
    if (std::regex_match(error.description, match, string_length)) {
        const bool at_most = match[1] == "more";
        return {error.pointer, at_most ? "maxLength" : "minLength",
                std::string(at_most ? "at most " : "at least ") + match[2].str() + " characters",
                describe_value(actual)};
    }
    if (std::regex_match(error.description, match, number_bound)) {
        const bool upper = match[1] == "less";
        const bool inclusive = match[2].matched;
        return {error.pointer,
                upper ? (inclusive ? "maximum" : "exclusiveMaximum")
                      : (inclusive ? "minimum" : "exclusiveMinimum"),
                std::string(upper ? "<" : ">") + (inclusive ? "= " : " ") + match[3].str(),
                describe_value(actual)};
    }
    return {error.pointer, "schema", error.description, describe_value(actual)};
}

} // namespace

struct schema_validator::impl {
    std::shared_ptr<const value> document;
    std::string schema_pointer;
    value validation_root;
    valijson::Schema schema;
    std::unique_ptr<compiled_schema> program;
};

schema_validator::schema_validator(std::shared_ptr<const value> document, std::string schema_pointer)
    : impl_(std::make_unique<impl>()) {
    impl_->document = std::move(document);
    impl_->schema_pointer = std::move(schema_pointer);
    // valijson resolves "#/..." against the node it parses, so the schema is entered from a copy of the whole
    // document whose root applies the target through a $ref.
    boost::json::object root =
        impl_->document->is_object() ? impl_->document->as_object() : boost::json::object();
    boost::json::array entry;
    entry.emplace_back(boost::json::object{{"$ref", "#" + impl_->schema_pointer}});
    root["allOf"] = std::move(entry);
    impl_->validation_root = std::move(root);
    try {
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        valijson::adapters::BoostJsonAdapter adapter(impl_->validation_root);
        parser.populateSchema(adapter, impl_->schema);
    } catch (const std::exception& e) {
        throw json::document_error({"", 0, 0, impl_->schema_pointer},
                                   std::string("schema cannot be used: ") + e.what());
    }
    impl_->program = std::make_unique<compiled_schema>(*impl_->document, impl_->schema_pointer);
}

const compiled_schema& schema_validator::compiled() const noexcept {
    return *impl_->program;
}

bool schema_validator::conforms(const value& instance) const noexcept {
    if (impl_->program->complete()) {
        return impl_->program->conforms(instance);
    }
    try {
        return validate(instance).empty();
    } catch (const std::exception&) {
        return false; // valijson throws on what it cannot compare (an integer beyond int64): not a pass
    }
}

schema_validator::~schema_validator() = default;

const std::string& schema_validator::schema_pointer() const noexcept {
    return impl_->schema_pointer;
}

violations schema_validator::validate(const value& instance) const {
    if (impl_->program->complete() && impl_->program->conforms(instance)) {
        return {};
    }
    return reference_violations(instance);
}

violations schema_validator::reference_violations(const value& instance) const {
    // valijson's Validator caches compiled regexes and is not thread-safe: one per thread, kept for the
    // thread's life, so a pattern is compiled once per thread instead of once per reply.
    thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    valijson::adapters::BoostJsonAdapter target(instance);
    if (validator.validate(impl_->schema, target, &results)) {
        return {};
    }
    std::vector<raw_error> errors;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        errors.push_back(make_raw_error(error.context, error.description));
    }
    const expectation_finder finder(*impl_->document, impl_->schema_pointer);
    violations found;
    for (const raw_error& raw : deepest_errors(std::move(errors))) {
        violation v = to_violation(raw, instance, finder);
        const bool duplicate = std::any_of(found.begin(), found.end(), [&](const violation& seen) {
            return seen.pointer == v.pointer && seen.rule == v.rule;
        });
        if (!duplicate) {
            found.push_back(std::move(v));
        }
    }
    return found;
}

} // namespace harness::contract
