#pragma once
// The interpreter of a compiled schema's program: one walk for both uses. walker<false> answers "conforms?"
// and stops at the first broken keyword, touching no heap; walker<true> goes on through everything, as
// valijson does with a results object, and records each broken keyword at its place (a missing or
// unexpected property at its own place), so deepest_failures() can keep what valijson's deepest errors keep.
// Each rule mirrors valijson's with strong types: a keyword about strings, numbers, arrays or objects
// ignores every other kind of value; `integer` is a signed 64-bit integer; numbers compare as doubles.

#include "compiled_schema_node.hpp"
#include "harness/json/pointer.hpp"

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

namespace harness::contract {

// valijson's strict equality (enum, const): numbers equal as doubles, objects member by member.
bool strictly_equal(const boost::json::value& a, const boost::json::value& b) noexcept;

// valijson reads a string up to its first U+0000 (it takes the C string): its length, its enum and const
// comparisons and its pattern search all see that part only. The program does the same, so that the verdict
// does not depend on which of the two gave it.
std::string_view before_nul(boost::json::string_view text) noexcept;
std::uint64_t code_points_before_nul(boost::json::string_view text) noexcept;

// What valijson's deepest errors keep of `raw`: no place that has a failure below it, one per place, sorted.
std::vector<schema_failure> deepest_failures(std::vector<schema_failure> raw);

template <bool collect>
struct compiled_schema::walker {
    using value = boost::json::value;
    const std::vector<node>& nodes;
    const std::vector<std::regex>& patterns;
    std::vector<schema_failure>* out; // collect only
    std::string* pointer;             // collect only: where the walk is

    // Records a broken keyword at the current place (or a child place); in the first mode, just says no.
    bool broke(std::string_view keyword, std::string_view child = {}, bool has_child = false) {
        if constexpr (collect) {
            out->push_back(
                {has_child ? json::append_pointer(*pointer, child) : *pointer, std::string(keyword)});
        }
        return false;
    }

    bool visit_at(int index, const value& v, std::string_view token) {
        if constexpr (!collect) {
            return visit(index, v);
        } else {
            const std::size_t size = pointer->size();
            *pointer = json::append_pointer(*pointer, token);
            const bool ok = visit(index, v);
            pointer->resize(size);
            return ok;
        }
    }

    bool visit(int index, const value& v) {
        const node* n = &nodes[static_cast<std::size_t>(index)];
        while (n->alias >= 0) {
            n = &nodes[static_cast<std::size_t>(n->alias)];
        }
        bool ok = true;
        // Each check returns false only once it has recorded (or, in the first mode, at once).
        auto hold = [&ok](bool held) {
            ok = ok && held;
            return held || collect;
        };
        if (!hold(type_holds(*n, v) || broke("type"))) {
            return false;
        }
        if (n->has_enum && !hold(std::any_of(n->enum_values.begin(), n->enum_values.end(),
                                             [&v](const value& e) { return strictly_equal(e, v); }) ||
                                 broke("enum"))) {
            return false;
        }
        if (n->constant && !hold(strictly_equal(*n->constant, v) || broke("const"))) {
            return false;
        }
        if (!hold(number_holds(*n, v)) || !hold(string_holds(*n, v)) || !hold(array_holds(*n, v)) ||
            !hold(object_holds(*n, v)) || !hold(applicators_hold(*n, v))) {
            return false;
        }
        return ok;
    }

    static bool type_holds(const node& n, const value& v) noexcept {
        std::uint8_t kind = 0;
        switch (v.kind()) {
        case boost::json::kind::null:
            kind = node::null_type;
            break;
        case boost::json::kind::bool_:
            kind = node::boolean_type;
            break;
        case boost::json::kind::object:
            kind = node::object_type;
            break;
        case boost::json::kind::array:
            kind = node::array_type;
            break;
        case boost::json::kind::string:
            kind = node::string_type;
            break;
        case boost::json::kind::int64:
            kind = node::integer_type | node::number_type;
            break;
        case boost::json::kind::uint64:
        case boost::json::kind::double_:
            kind = node::number_type;
            break;
        }
        return (n.types & kind) != 0;
    }

    bool number_holds(const node& n, const value& v) {
        if (!v.is_number()) {
            return true;
        }
        // valijson cannot read an integer beyond int64 as a double: every bound fails it.
        const bool readable = !v.is_uint64();
        const double x = v.is_double()  ? v.get_double()
                         : v.is_int64() ? static_cast<double>(v.get_int64())
                                        : 0.0;
        bool ok = true;
        auto check = [&](bool held, std::string_view keyword) {
            held = held && readable;
            if (!held) {
                ok = false;
                broke(keyword);
            }
            return held || collect;
        };
        return (!n.maximum || check(x <= *n.maximum, "maximum")) &&
               (!n.exclusive_maximum || check(x < *n.exclusive_maximum, "exclusiveMaximum")) &&
               (!n.minimum || check(x >= *n.minimum, "minimum")) &&
               (!n.exclusive_minimum || check(x > *n.exclusive_minimum, "exclusiveMinimum")) && ok;
    }

    bool string_holds(const node& n, const value& v) {
        const auto* s = v.if_string();
        if (s == nullptr) {
            return true;
        }
        bool ok = true;
        if (n.min_length || n.max_length) {
            const std::uint64_t length = code_points_before_nul(*s);
            if (n.max_length && length > *n.max_length) {
                ok = broke("maxLength");
                if constexpr (!collect) {
                    return false;
                }
            }
            if (n.min_length && length < *n.min_length) {
                ok = broke("minLength");
                if constexpr (!collect) {
                    return false;
                }
            }
        }
        const std::string_view searched = before_nul(*s);
        if (n.pattern >= 0 && !std::regex_search(searched.begin(), searched.end(),
                                                 patterns[static_cast<std::size_t>(n.pattern)])) {
            ok = broke("pattern");
        }
        return ok;
    }

    bool array_holds(const node& n, const value& v) {
        const auto* a = v.if_array();
        if (a == nullptr) {
            return true;
        }
        bool ok = true;
        if (n.max_items && a->size() > *n.max_items) {
            ok = broke("maxItems");
            if constexpr (!collect) {
                return false;
            }
        }
        if (n.min_items && a->size() < *n.min_items) {
            ok = broke("minItems");
            if constexpr (!collect) {
                return false;
            }
        }
        if (n.items < 0) {
            return ok;
        }
        for (std::size_t i = 0; i < a->size(); ++i) {
            bool item_ok = false;
            if constexpr (collect) {
                item_ok = visit_at(n.items, (*a)[i], std::to_string(i));
            } else {
                item_ok = visit(n.items, (*a)[i]);
            }
            if (!item_ok) {
                ok = false;
                if constexpr (!collect) {
                    return false;
                }
            }
        }
        return ok;
    }

    bool object_holds(const node& n, const value& v);
    bool applicators_hold(const node& n, const value& v);
};

} // namespace harness::contract
