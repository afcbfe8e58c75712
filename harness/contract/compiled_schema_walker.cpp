#include "compiled_schema_walker.hpp"

#include "harness/json/dom_view.hpp"

#include <algorithm>
#include <optional>

namespace harness::contract {

namespace {

bool is_ancestor(const std::string& ancestor, const std::string& pointer) {
    return pointer.size() > ancestor.size() && pointer.compare(0, ancestor.size(), ancestor) == 0 &&
           pointer[ancestor.size()] == '/';
}

} // namespace

std::string_view before_nul(std::string_view text) noexcept {
    const auto end = text.find('\0');
    return {text.data(), end == std::string_view::npos ? text.size() : end};
}

std::uint64_t code_points_before_nul(std::string_view text) noexcept {
    std::uint64_t count = 0;
    for (const char c : text) {
        if (c == '\0') {
            break;
        }
        count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
    }
    return count;
}

std::vector<schema_failure> deepest_failures(std::vector<schema_failure> raw) {
    std::vector<schema_failure> kept;
    for (const schema_failure& candidate : raw) {
        const bool superseded =
            std::any_of(raw.begin(), raw.end(), [&candidate](const schema_failure& other) {
                return is_ancestor(candidate.pointer, other.pointer);
            });
        const bool seen = std::any_of(kept.begin(), kept.end(), [&candidate](const schema_failure& other) {
            return other.pointer == candidate.pointer;
        });
        if (!superseded && !seen) {
            kept.push_back(candidate);
        }
    }
    std::sort(kept.begin(), kept.end(),
              [](const schema_failure& a, const schema_failure& b) { return a.pointer < b.pointer; });
    return kept;
}

template <bool collect, class View>
bool compiled_schema::walker<collect, View>::object_holds(const node& n, value v) {
    if (v.kind() != boost::json::kind::object) {
        return true;
    }
    if constexpr (!collect) {
        if (n.properties.size() <= most_properties_in_one_pass) {
            return object_holds_in_one_pass(n, v);
        }
    }
    bool ok = true;
    auto fail = [&ok] {
        ok = false;
        return collect; // go on only when collecting
    };
    for (const std::string& name : n.required) {
        if (!v.member(name) && !(broke("required", name, true) || fail())) {
            return false;
        }
    }
    for (const auto& [name, schema] : n.properties) {
        const std::optional<value> member = v.member(name);
        if (member && !visit_at(schema, *member, name) && !fail()) {
            return false;
        }
    }
    if (n.additional_forbidden || n.additional >= 0) {
        const bool went_on = v.each_member([&](std::string_view key, value member) {
            const bool declared = std::any_of(n.properties.begin(), n.properties.end(),
                                              [key](const auto& p) { return p.first == key; });
            if (declared) {
                return true;
            }
            if (n.additional_forbidden) {
                // valijson names the first property nothing declares, and only that one.
                broke("additionalProperties", key, true);
                ok = false;
                return false;
            }
            return visit_at(n.additional, member, key) || fail();
        });
        if (!went_on && !collect) {
            return false;
        }
    }
    if (n.max_properties && v.size() > *n.max_properties && !(broke("maxProperties") || fail())) {
        return false;
    }
    if (n.min_properties && v.size() < *n.min_properties && !(broke("minProperties") || fail())) {
        return false;
    }
    return ok;
}

// The same verdict as object_holds' walk, from one pass over the members (each looked up among the declared
// properties, the required ones ticked off) instead of a lookup in the object per declared name. Keys are
// unique in either view (dom_view: reads_like_boost), so the pass sees each declared property once.
template <bool collect, class View>
bool compiled_schema::walker<collect, View>::object_holds_in_one_pass(const node& n, value v) {
    std::uint64_t present = 0;
    const bool members_hold = v.each_member([&](std::string_view key, value member) {
        const auto declared = std::find_if(n.properties.begin(), n.properties.end(),
                                           [key](const auto& p) { return p.first == key; });
        if (declared != n.properties.end()) {
            present |= std::uint64_t{1} << (declared - n.properties.begin());
            return visit(declared->second, member);
        }
        return !n.additional_forbidden && (n.additional < 0 || visit(n.additional, member));
    });
    if (!members_hold) {
        return false;
    }
    for (std::size_t i = 0; i < n.required.size(); ++i) {
        const int property = n.required_property[i];
        if (property >= 0 ? (present >> property & 1U) == 0 : !v.member(n.required[i])) {
            return false;
        }
    }
    return (!n.max_properties || v.size() <= *n.max_properties) &&
           (!n.min_properties || v.size() >= *n.min_properties);
}

template <bool collect, class View>
bool compiled_schema::walker<collect, View>::applicators_hold(const node& n, value v) {
    bool ok = true;
    for (const int schema : n.all_of) {
        if (!visit(schema, v)) {
            // valijson stops at the first member of allOf that fails, collecting or not: what the later ones
            // would say is not among its places.
            ok = false;
            if constexpr (!collect) {
                return false;
            }
            break;
        }
    }
    const std::size_t mark = collect ? out->size() : 0;
    if (!n.any_of.empty()) {
        const bool any =
            std::any_of(n.any_of.begin(), n.any_of.end(), [&](int schema) { return visit(schema, v); });
        if constexpr (collect) {
            if (any) {
                out->resize(mark); // the branches that failed before one held say nothing
            }
        }
        if (!any) {
            ok = false;
            if constexpr (!collect) {
                return false;
            }
        }
    }
    if (!n.one_of.empty()) {
        const std::size_t one_of_mark = collect ? out->size() : 0;
        std::size_t held = 0;
        for (const int schema : n.one_of) {
            held += visit(schema, v) ? 1 : 0;
        }
        if constexpr (collect) {
            if (held > 0) {
                out->resize(one_of_mark);
            }
        }
        if (held != 1) {
            ok = held > 1 ? broke("oneOf") : false;
            if constexpr (!collect) {
                return false;
            }
        }
    }
    if (n.negated >= 0) {
        walker<false, View> inner{nodes, patterns, nullptr, nullptr};
        if (inner.visit(n.negated, v)) {
            ok = broke("not");
        }
    }
    return ok;
}

template struct compiled_schema::walker<false, json::boost_view>;
template struct compiled_schema::walker<true, json::boost_view>;
template struct compiled_schema::walker<false, json::dom_view>;

} // namespace harness::contract
