#include "compiled_schema_walker.hpp"

#include <algorithm>

namespace harness::contract {

namespace {

double number_of(const boost::json::value& v) noexcept {
    return v.is_double()  ? v.get_double()
           : v.is_int64() ? static_cast<double>(v.get_int64())
                          : static_cast<double>(v.get_uint64());
}

bool is_ancestor(const std::string& ancestor, const std::string& pointer) {
    return pointer.size() > ancestor.size() && pointer.compare(0, ancestor.size(), ancestor) == 0 &&
           pointer[ancestor.size()] == '/';
}

} // namespace

std::string_view before_nul(boost::json::string_view text) noexcept {
    const auto end = text.find('\0');
    return {text.data(), end == boost::json::string_view::npos ? text.size() : end};
}

bool strictly_equal(const boost::json::value& a, const boost::json::value& b) noexcept {
    if (a.is_number() || b.is_number()) {
        // valijson cannot read an integer beyond int64 as a number: it is equal to nothing.
        return a.is_number() && b.is_number() && !a.is_uint64() && !b.is_uint64() &&
               number_of(a) == number_of(b);
    }
    if (a.kind() != b.kind()) {
        return false;
    }
    switch (a.kind()) {
    case boost::json::kind::null:
        return true;
    case boost::json::kind::bool_:
        return a.get_bool() == b.get_bool();
    case boost::json::kind::string:
        return before_nul(a.get_string()) == before_nul(b.get_string());
    case boost::json::kind::array: {
        const auto& x = a.get_array();
        const auto& y = b.get_array();
        return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), strictly_equal);
    }
    case boost::json::kind::object: {
        const auto& x = a.get_object();
        const auto& y = b.get_object();
        return x.size() == y.size() && std::all_of(x.begin(), x.end(), [&y](const auto& member) {
                   const auto* other = y.if_contains(member.key());
                   return other != nullptr && strictly_equal(member.value(), *other);
               });
    }
    default:
        return false;
    }
}

std::uint64_t code_points_before_nul(boost::json::string_view text) noexcept {
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

template <bool collect>
bool compiled_schema::walker<collect>::object_holds(const node& n, const value& v) {
    const auto* object = v.if_object();
    if (object == nullptr) {
        return true;
    }
    bool ok = true;
    auto fail = [&ok] {
        ok = false;
        return collect; // go on only when collecting
    };
    for (const std::string& name : n.required) {
        if (!object->contains(name) && !(broke("required", name, true) || fail())) {
            return false;
        }
    }
    for (const auto& [name, schema] : n.properties) {
        const value* member = object->if_contains(name);
        if (member != nullptr && !visit_at(schema, *member, name) && !fail()) {
            return false;
        }
    }
    if (n.additional_forbidden || n.additional >= 0) {
        for (const auto& member : *object) {
            const bool declared = std::any_of(n.properties.begin(), n.properties.end(),
                                              [&member](const auto& p) { return p.first == member.key(); });
            if (declared) {
                continue;
            }
            if (n.additional_forbidden) {
                // valijson names the first property nothing declares, and only that one.
                broke("additionalProperties", member.key(), true);
                ok = false;
                break;
            }
            if (!visit_at(n.additional, member.value(), member.key()) && !fail()) {
                return false;
            }
        }
    }
    if (n.max_properties && object->size() > *n.max_properties && !(broke("maxProperties") || fail())) {
        return false;
    }
    if (n.min_properties && object->size() < *n.min_properties && !(broke("minProperties") || fail())) {
        return false;
    }
    return ok;
}

template <bool collect>
bool compiled_schema::walker<collect>::applicators_hold(const node& n, const value& v) {
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
        walker<false> inner{nodes, patterns, nullptr, nullptr};
        if (inner.visit(n.negated, v)) {
            ok = broke("not");
        }
    }
    return ok;
}

template struct compiled_schema::walker<false>;
template struct compiled_schema::walker<true>;

} // namespace harness::contract
