#pragma once
// The compiled schema held to valijson (its reference), for the differential unit test and fuzz target: one
// value judged by both must get the same verdict and the same deepest failing places. And seeded values to
// judge: built from a schema so that they mostly conform, then mutated (a member dropped, a value replaced
// by one of another type, an unknown member added) so that they break it in every way. The program's verdict
// over simdjson's parse of the value's text (json::dom_view, where json::reads_like_boost holds) must be the
// same as over Boost.JSON's.

#include "harness/contract/contract.hpp"
#include "harness/contract/ref_resolver.hpp"
#include "harness/contract/schema_validator.hpp"
#include "harness/json/dom_view.hpp"

#include <algorithm>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

namespace harness::contract::testing {

// Every JSON payload schema of a contract: the request body's and each response's.
inline std::vector<const schema_validator*> validators_of(const contract& c) {
    std::vector<const schema_validator*> out;
    for (const operation& op : c.operations()) {
        if (op.request_body && op.request_body->json && op.request_body->json->validator) {
            out.push_back(op.request_body->json->validator.get());
        }
        for (const response_spec& response : op.responses) {
            if (response.json && response.json->validator) {
                out.push_back(response.json->validator.get());
            }
        }
    }
    return out;
}

struct differential_verdict {
    bool judged = true; // false: valijson threw (it cannot compare integers beyond int64)
    bool agree = true;
    bool conforms = false;
    std::string explanation;
};

inline std::string pointer_list(const std::set<std::string>& pointers) {
    std::string text;
    for (const auto& p : pointers) {
        text += (text.empty() ? "" : ", ") + (p.empty() ? std::string("(root)") : p);
    }
    return "[" + text + "]";
}

// The compiled program's verdict over simdjson's parse of `text`, when simdjson parses it as Boost.JSON would
// read it (at Boost.JSON's nesting limit, json::reads_like_boost).
inline std::optional<bool> conforms_over_simdjson(const schema_validator& validator, std::string_view text) {
    static simdjson::dom::parser parser;
    static const bool limited = parser.allocate(1 << 16, 32) == simdjson::SUCCESS;
    const simdjson::padded_string padded(text);
    simdjson::dom::element root;
    if (!limited || parser.parse(padded).get(root) != simdjson::SUCCESS || !json::reads_like_boost(root)) {
        return std::nullopt;
    }
    return validator.compiled().conforms(json::dom_view(root));
}

// `text`: the instance's JSON text (serialized from it when empty).
inline differential_verdict compare(const schema_validator& validator, const boost::json::value& instance,
                                    std::string_view text = {}) {
    differential_verdict verdict;
    violations reference;
    try {
        reference = validator.reference_violations(instance);
    } catch (const std::exception&) {
        verdict.judged = false;
        return verdict;
    }
    verdict.conforms = reference.empty();
    const bool compiled = validator.compiled().conforms(instance);
    if (compiled != verdict.conforms) {
        verdict.agree = false;
        verdict.explanation = std::string("valijson says ") + (verdict.conforms ? "conforms" : "breaks") +
                              ", the compiled schema " + (compiled ? "conforms" : "breaks");
        return verdict;
    }
    const std::string serialized = text.empty() ? boost::json::serialize(instance) : std::string();
    if (const auto over_simdjson = conforms_over_simdjson(validator, text.empty() ? serialized : text);
        over_simdjson && *over_simdjson != compiled) {
        verdict.agree = false;
        verdict.explanation = std::string("over Boost.JSON the compiled schema ") +
                              (compiled ? "conforms" : "breaks") + ", over simdjson it " +
                              (*over_simdjson ? "conforms" : "breaks");
        return verdict;
    }
    std::set<std::string> expected, got;
    for (const auto& v : reference) {
        expected.insert(v.pointer);
    }
    for (const auto& f : validator.compiled().failures(instance)) {
        got.insert(f.pointer);
    }
    if (expected != got) {
        verdict.agree = false;
        verdict.explanation =
            "valijson fails at " + pointer_list(expected) + ", the compiled schema at " + pointer_list(got);
    }
    return verdict;
}

class value_generator {
public:
    value_generator(const boost::json::value& document, std::uint32_t seed)
        : document_(document), random_(seed) {
        collect_names(document);
        names_.insert(names_.end(), {"extra", "id", "kind", "success", "error", "data"});
    }

    // A value for the schema at `pointer`: mostly one built to conform, often mutated, sometimes random.
    boost::json::value next(const std::string& pointer) {
        const int pick = pick_below(10);
        if (pick < 4) {
            return synthesise(pointer, 0);
        }
        if (pick < 8) {
            boost::json::value v = synthesise(pointer, 0);
            for (int i = pick_below(2); i >= 0; --i) {
                mutate(v, 0);
            }
            return v;
        }
        return random_value(3);
    }

    // `v` with one or two mutations.
    boost::json::value mutated(boost::json::value v) {
        for (int i = pick_below(2); i >= 0; --i) {
            mutate(v, 0);
        }
        return v;
    }

private:
    int pick_below(int n) { return static_cast<int>(random_() % static_cast<std::uint32_t>(n)); }

    void collect_names(const boost::json::value& v) {
        if (const auto* o = v.if_object()) {
            if (const auto* p = o->if_contains("properties"); p != nullptr && p->is_object()) {
                for (const auto& m : p->as_object()) {
                    names_.emplace_back(m.key());
                }
            }
            for (const auto& m : *o) {
                collect_names(m.value());
            }
        } else if (const auto* a = v.if_array()) {
            for (const auto& x : *a) {
                collect_names(x);
            }
        }
    }

    boost::json::value random_scalar() {
        static const boost::json::array scalars = [] {
            boost::json::array a =
                boost::json::parse(
                    R"([null, true, false, 0, 1, -1, 2, 3, 10, 11, -2, 255, 2147483648, 0.5, 1.0, 2.5, -0.25, 1e300,
                    "", "a", "ab", "abc", "abcd", "abcde", "b7", "c", "\u00e9\u00e9", "a\u0000bc", "x y",
                    9223372036854775807, 18446744073709551615])")
                    .as_array();
            a.emplace_back(std::string(300, 'x'));
            return a;
        }();
        return scalars[static_cast<std::size_t>(pick_below(static_cast<int>(scalars.size())))];
    }

    boost::json::value random_value(int depth) {
        const int pick = depth <= 0 ? 0 : pick_below(4);
        if (pick == 1) {
            boost::json::array a;
            for (int i = pick_below(4); i > 0; --i) {
                a.push_back(random_value(depth - 1));
            }
            return a;
        }
        if (pick == 2) {
            boost::json::object o;
            for (int i = pick_below(4); i > 0; --i) {
                o[names_[static_cast<std::size_t>(pick_below(static_cast<int>(names_.size())))]] =
                    random_value(depth - 1);
            }
            return o;
        }
        return random_scalar();
    }

    void mutate(boost::json::value& v, int depth) {
        if (auto* o = v.if_object(); o != nullptr && !o->empty() && depth < 4 && pick_below(3) != 0) {
            auto it = o->begin() + pick_below(static_cast<int>(o->size()));
            const int how = pick_below(4);
            if (how == 0) {
                o->erase(it);
            } else if (how == 1) {
                (*o)[names_[static_cast<std::size_t>(pick_below(static_cast<int>(names_.size())))]] =
                    random_value(1);
            } else {
                mutate(it->value(), depth + 1);
            }
            return;
        }
        if (auto* a = v.if_array(); a != nullptr && !a->empty() && pick_below(2) == 0) {
            mutate((*a)[static_cast<std::size_t>(pick_below(static_cast<int>(a->size())))], depth + 1);
            return;
        }
        v = random_value(1);
    }

    boost::json::value synthesise(const std::string& pointer, int depth);

    const boost::json::value& document_;
    std::mt19937 random_;
    std::vector<std::string> names_;
};

inline boost::json::value value_generator::synthesise(const std::string& pointer, int depth) {
    std::string resolved;
    const boost::json::value* found = follow_refs(document_, pointer, resolved);
    if (found == nullptr || !found->is_object() || depth > 5) {
        return random_scalar();
    }
    const auto& s = found->as_object();
    auto at = [&](std::string_view key) {
        return resolved + "/" + std::string(key);
    };
    if (const auto* e = s.if_contains("enum"); e != nullptr && e->is_array() && !e->as_array().empty()) {
        return e->as_array()[static_cast<std::size_t>(pick_below(static_cast<int>(e->as_array().size())))];
    }
    if (const auto* c = s.if_contains("const")) {
        return *c;
    }
    for (const char* key : {"anyOf", "oneOf"}) {
        if (const auto* list = s.if_contains(key);
            list != nullptr && list->is_array() && !list->as_array().empty()) {
            return synthesise(at(key) + "/" +
                                  std::to_string(pick_below(static_cast<int>(list->as_array().size()))),
                              depth + 1);
        }
    }
    boost::json::object merged;
    if (const auto* list = s.if_contains("allOf"); list != nullptr && list->is_array()) {
        for (std::size_t i = 0; i < list->as_array().size(); ++i) {
            boost::json::value part = synthesise(at("allOf") + "/" + std::to_string(i), depth + 1);
            if (part.is_object()) {
                for (const auto& m : part.as_object()) {
                    merged[m.key()] = m.value();
                }
            }
        }
    }
    std::string type;
    if (const auto* t = s.if_contains("type")) {
        if (t->is_string()) {
            type = t->as_string();
        } else if (t->is_array() && !t->as_array().empty()) {
            const auto& names = t->as_array();
            const auto& chosen = names[static_cast<std::size_t>(pick_below(static_cast<int>(names.size())))];
            type = chosen.is_string() ? std::string(chosen.as_string()) : "";
        }
    }
    if (type == "object" || s.contains("properties") || !merged.empty()) {
        if (const auto* required = s.if_contains("required"); required != nullptr && required->is_array()) {
            for (const auto& name : required->as_array()) {
                if (name.is_string() && !merged.contains(name.as_string())) {
                    merged[name.as_string()] = random_scalar();
                }
            }
        }
        if (const auto* properties = s.if_contains("properties");
            properties != nullptr && properties->is_object()) {
            for (const auto& m : properties->as_object()) {
                if (merged.contains(m.key()) || pick_below(2) == 0) {
                    merged[m.key()] = synthesise(at("properties") + "/" + std::string(m.key()), depth + 1);
                }
            }
        }
        return merged;
    }
    if (type == "array") {
        boost::json::array a;
        for (int i = 1 + pick_below(3); i > 0; --i) {
            a.push_back(s.contains("items") ? synthesise(at("items"), depth + 1) : random_scalar());
        }
        return a;
    }
    if (type == "string") {
        static const std::vector<std::string> texts = {"ab", "abc", "abcd", "a1", "bc", "text", "x"};
        return boost::json::value(
            texts[static_cast<std::size_t>(pick_below(static_cast<int>(texts.size())))]);
    }
    if (type == "integer") {
        return pick_below(11) - 1;
    }
    if (type == "number") {
        return 0.25 * (1 + pick_below(9));
    }
    if (type == "boolean") {
        return pick_below(2) == 0;
    }
    if (type == "null") {
        return nullptr;
    }
    return random_scalar();
}

} // namespace harness::contract::testing
