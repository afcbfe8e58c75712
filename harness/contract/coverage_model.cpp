#include "coverage_model.hpp"

#include "rule_catalogue.hpp"
#include "schema_describer.hpp"
#include "sequence_transitions.hpp"
#include "value_families.hpp"

#include <array>

namespace harness::contract {

namespace {

using boost::json::object;
using boost::json::value;

constexpr std::array<std::string_view, 10> area_names = {
    "response", "failure", "field", "fields", "method", "path", "rule", "value", "sequence", "latency"};

// The methods a client may send to any route (RFC 9110 section 9.3, without CONNECT and TRACE, which gateways
// do not route).
constexpr std::array<std::string_view, 7> methods = {"GET",    "POST", "PUT",    "PATCH",
                                                     "DELETE", "HEAD", "OPTIONS"};

// One sample of each JSON type, named as JSON Schema names them.
const std::vector<std::pair<std::string, value>>& type_samples() {
    static const std::vector<std::pair<std::string, value>> list = {
        {"string", value("a string")},    {"integer", value(7)},
        {"number", value(2.5)},           {"boolean", value(true)},
        {"array", boost::json::array{1}}, {"object", object{{"k", "v"}}}};
    return list;
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
    return "sample";
}

// Whether the request schema accepts `body` with `field` set to `v` (or absent when `v` is nullptr), judged
// by the field's own violations only.
bool accepts(const schema_validator& validator, object body, const std::string& field, const value* v) {
    if (v == nullptr) {
        body.erase(field);
    } else {
        body[field] = *v;
    }
    for (const violation& found : validator.validate(body)) {
        if (found.pointer == "/" + field || (v == nullptr && found.pointer.empty())) {
            return false;
        }
    }
    return true;
}

class model_builder {
public:
    model_builder(const contract& c, const operation& op, const profile& p)
        : contract_(c), op_(op), profile_(p) {}

    std::vector<coverage_item> build() {
        add_responses();
        add_failures();
        add_fields();
        add_methods();
        add_paths();
        add_rules();
        for (std::string_view kind : sequence_transition::step_kinds) {
            add(coverage_area::sequence, "sequence step: " + std::string(kind),
                "an explored sequence with a step of kind " + std::string(kind));
        }
        for (std::string_view transition : sequence_transition::all) {
            // Reached by the explore suite's sequences, which name the transitions their steps took.
            add(coverage_area::sequence, "sequence: " + std::string(transition),
                "a step of an explored sequence: " + std::string(transition) + " (the idempotency model)");
        }
        if (profile_.slo) {
            coverage_item& item =
                add(coverage_area::latency, "latency budget",
                    "p99 within " + std::to_string(static_cast<long>(profile_.slo->p99_ms)) + " ms over " +
                        std::to_string(profile_.slo->requests) + " sends at " +
                        std::to_string(static_cast<long>(profile_.slo->rate)) + "/s (profile slo)");
            item.evidence = {"latency_p99"};
        }
        add_values();
        return std::move(items_);
    }

private:
    coverage_item& add(coverage_area area, std::string id, std::string description) {
        coverage_item item;
        item.area = area;
        item.id = std::move(id);
        item.description = std::move(description);
        items_.push_back(std::move(item));
        return items_.back();
    }

    void add_responses() {
        for (const response_spec& r : op_.responses) {
            if (r.status.size() != 3 || r.status.find('X') != std::string::npos) {
                continue; // "default" and ranges describe replies, they are not ones to provoke
            }
            const int status = std::stoi(r.status);
            coverage_item& item =
                add(coverage_area::response, "response " + r.status,
                    r.status + " arrives and is checked against " +
                        (r.json && !r.json->schema_name.empty() ? r.json->schema_name
                                                                : std::string("its schema")));
            item.evidence = {"status:" + r.status};
            if (status == profile_.success_status) {
                continue;
            }
            // Derivable when some failure kind answers with this status and needs nothing beyond requests.
            bool provokable = false;
            std::string needs;
            for (std::size_t i = 0; i < failure_kind_count; ++i) {
                const auto kind = static_cast<failure_kind>(i);
                if (profile_.failure(kind).status != status) {
                    continue;
                }
                if (!provokable || !needs.empty()) {
                    needs = needs_to_provoke(kind);
                    item.input = input_to_provoke(kind);
                }
                provokable = true;
            }
            item.needs = provokable ? needs
                                    : "no failure kind of the profile answers " + r.status +
                                          ": no generated request provokes it (a scenario of yours can)";
        }
    }

    void add_failures() {
        for (std::size_t i = 0; i < failure_kind_count; ++i) {
            const auto kind = static_cast<failure_kind>(i);
            const failure_reply& f = profile_.failure(kind);
            coverage_item& item = add(coverage_area::failure, "failure " + std::string(to_string(kind)),
                                      "a request that deserves " + std::string(to_string(kind)) + " gets " +
                                          std::to_string(f.status) + " " + f.code);
            item.needs = needs_to_provoke(kind);
            item.input = input_to_provoke(kind);
        }
    }

    void add_field_item(const std::string& field, std::string variant, const value* sample, bool conforms,
                        const std::string& what) {
        coverage_item& item = add(coverage_area::field, "field " + field + ": " + variant,
                                  field + " " + what + (conforms ? ": accepted" : ": refused as validation"));
        item.fields = {field};
        item.variant = std::move(variant);
        item.sample = sample != nullptr ? *sample : value();
        item.conforms = conforms;
    }

    void add_fields() {
        if (!op_.request_body || !op_.request_body->json || !op_.request_body->json->validator) {
            return;
        }
        const payload_spec& payload = *op_.request_body->json;
        const schema_description schema = describe_schema(contract_.document(), payload.schema_pointer);
        object base;
        for (const field_description& field : schema.fields) {
            if (field.required) {
                base[field.name] = conforming_sample(field.type);
            }
        }
        const schema_validator& validator = *payload.validator;
        std::vector<std::pair<std::string, value>> first_wrong; // for the combinations
        for (const field_description& field : schema.fields) {
            const std::string& name = field.name;
            const value valid = conforming_sample(field.type);
            add_field_item(name, std::string(field_variant_valid), &valid, true, "with a value of its type");
            const value null_value;
            add_field_item(name, std::string(field_variant_null), &null_value,
                           accepts(validator, base, name, &null_value), "null");
            add_field_item(name, std::string(field_variant_absent), nullptr,
                           accepts(validator, base, name, nullptr), "absent");
            bool takes_strings = false;
            for (const auto& [type, sample] : type_samples()) {
                const bool accepted = accepts(validator, base, name, &sample);
                takes_strings = takes_strings || (type == "string" && accepted);
                if (accepted) {
                    continue;
                }
                add_field_item(name, "as " + type, &sample, false,
                               "as " + type + " (it is " + field.type + ")");
                if (first_wrong.empty() || first_wrong.back().first != name) {
                    first_wrong.emplace_back(name, sample);
                }
            }
            if (!takes_strings) {
                continue;
            }
            const value empty("");
            const value long_text(std::string(long_string_length, 'x'));
            const value non_ascii("Привет, 世界! 👋 «ÿ»");
            add_field_item(name, std::string(field_variant_empty), &empty,
                           accepts(validator, base, name, &empty), "as an empty string");
            add_field_item(name, std::string(field_variant_long), &long_text,
                           accepts(validator, base, name, &long_text),
                           "as " + std::to_string(long_string_length) + " characters");
            add_field_item(name, std::string(field_variant_non_ascii), &non_ascii,
                           accepts(validator, base, name, &non_ascii), "as non-ASCII text");
        }
        add_combinations(first_wrong);
    }

    // Every pair of fields bad at once, and all of them: fieldErrors must name each, not only the first.
    void add_combinations(const std::vector<std::pair<std::string, value>>& wrong) {
        const auto add_combination = [&](const std::vector<std::size_t>& indexes) {
            std::string names;
            coverage_item item;
            for (std::size_t i : indexes) {
                names += (names.empty() ? "" : " + ") + wrong[i].first;
                item.fields.push_back(wrong[i].first);
            }
            coverage_item& added =
                add(coverage_area::fields, "fields " + names + " bad together",
                    "each of " + std::to_string(indexes.size()) + " bad fields is named in fieldErrors");
            added.fields = std::move(item.fields);
        };
        for (std::size_t a = 0; a < wrong.size(); ++a) {
            for (std::size_t b = a + 1; b < wrong.size(); ++b) {
                add_combination({a, b});
            }
        }
        if (wrong.size() > 2) {
            std::vector<std::size_t> all(wrong.size());
            for (std::size_t i = 0; i < all.size(); ++i) {
                all[i] = i;
            }
            add_combination(all);
        }
    }

    void add_methods() {
        for (std::string_view method : methods) {
            if (method == op_.method) {
                continue;
            }
            coverage_item& item =
                add(coverage_area::method, "method " + std::string(method),
                    std::string(method) + " on the route gets " +
                        std::to_string(profile_.failure(failure_kind::method_not_allowed).status) +
                        (method == "HEAD" ? " without a body"
                                          : " " + profile_.failure(failure_kind::method_not_allowed).code));
            item.variant = std::string(method);
        }
    }

    void add_paths() {
        for (const std::string& parameter : op_.path.parameter_names()) {
            for (std::string_view variant :
                 {path_variant_unknown, path_variant_malformed, path_variant_other_case}) {
                const bool unknown = variant != path_variant_other_case;
                coverage_item& item =
                    add(coverage_area::path, "path " + parameter + ": " + std::string(variant),
                        unknown ? "an " + std::string(variant) + " " + parameter + " gets " +
                                      std::to_string(profile_.failure(failure_kind::not_found).status)
                                : parameter + " in upper case: the same resource or " +
                                      std::to_string(profile_.failure(failure_kind::not_found).status));
                item.fields = {parameter};
                item.variant = std::string(variant);
            }
        }
        coverage_item& item = add(coverage_area::path, "path: trailing slash",
                                  "the route with a trailing slash: the same route or " +
                                      std::to_string(profile_.failure(failure_kind::not_found).status));
        item.variant = std::string(path_variant_trailing_slash);
    }

    // One item per rule of the profile (rule_catalogue), covered when one of its checks ran.
    void add_rules() {
        for (profile_rule& rule : rule_catalogue(profile_)) {
            coverage_item& item = add(coverage_area::rule, "rule " + rule.id, std::move(rule.description));
            for (const rule_check& check : rule.checks) {
                item.evidence.push_back(evidence_of(check));
            }
            item.needs = std::move(rule.needs);
            item.input = rule.input;
        }
    }

    coverage_item& add_value(const std::string& field, std::string variant, std::string description) {
        coverage_item& item =
            add(coverage_area::value, "value " + field + ": " + variant, std::move(description));
        item.fields = {field};
        item.variant = std::move(variant);
        item.conforms = true;
        return item;
    }

    // The values suite's items: each family of valid values in each free string field (the company field
    // takes only the caller's company, profile auth.company_pointer), keys that differ only in case or after
    // a long shared prefix, and whole bodies at the size limit and one byte below it.
    void add_values() {
        if (!op_.request_body || !op_.request_body->json || !op_.request_body->json->validator) {
            return;
        }
        const payload_spec& payload = *op_.request_body->json;
        const schema_validator& validator = *payload.validator;
        const value text_sample("a string");
        for (const field_description& field :
             describe_schema(contract_.document(), payload.schema_pointer).fields) {
            const std::string& name = field.name;
            if (!accepts(validator, object{}, name, &text_sample)) {
                continue;
            }
            if ("/" + name == profile_.company_pointer) {
                add_value(name, std::string(value_variant_company),
                          name + " as the caller's company, echoed");
                continue;
            }
            const bool key = "/" + name == profile_.idempotency.key_pointer;
            for (const value_family& family : value_families()) {
                if ((family.for_keys || !key) && !accepted_values(validator, name, family).empty()) {
                    add_value(name, family.name,
                              name + " with " + family.description + ": accepted" +
                                  (key ? " as a new key" : ", echoed exactly"));
                }
            }
            add_value(name, std::string(value_variant_sample),
                      name + " with values drawn from the run's seed");
            if (key) {
                add_value(name, std::string(value_variant_key_case),
                          "keys differing only in case are different keys: each a new message");
                add_value(name, std::string(value_variant_key_prefix),
                          "long keys sharing a long prefix are different keys: each a new message");
            }
        }
        for (const std::size_t bytes : {profile_.max_body_bytes - 1, profile_.max_body_bytes}) {
            coverage_item& item =
                add_value("body", std::to_string(bytes) + " bytes",
                          "a whole body of " + std::to_string(bytes) + " bytes (the size limit" +
                              (bytes < profile_.max_body_bytes ? " - 1" : "") + "): accepted, echoed");
            item.fields = {};
            item.sample = bytes;
        }
    }

    const contract& contract_;
    const operation& op_;
    const profile& profile_;
    std::vector<coverage_item> items_;
};

} // namespace

std::string needs_to_provoke(failure_kind kind) {
    if (kind == failure_kind::internal) {
        return "a 500 cannot be provoked without a fault input: give --failing-conversation";
    }
    if (kind == failure_kind::idempotency_in_progress) {
        return "a resend meets the first still in flight only by timing: covered when the concurrent resends "
               "do";
    }
    return "";
}

coverage_input input_to_provoke(failure_kind kind) {
    return kind == failure_kind::internal ? coverage_input::failing_conversation : coverage_input::none;
}

std::string_view to_string(coverage_area area) {
    return area_names[static_cast<std::size_t>(area)];
}

std::vector<coverage_item> derive_coverage_model(const contract& c, const operation& op, const profile& p) {
    return model_builder(c, op, p).build();
}

} // namespace harness::contract
