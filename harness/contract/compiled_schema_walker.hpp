#pragma once
// The interpreter of a compiled schema's program: one walk for both uses. walker<false> answers "conforms?"
// and stops at the first broken keyword, touching no heap; walker<true> goes on through everything, as
// valijson does with a results object, and records each broken keyword at its place (a missing or
// unexpected property at its own place), so deepest_failures() can keep what valijson's deepest errors keep.
// Each rule mirrors valijson's with strong types: a keyword about strings, numbers, arrays or objects
// ignores every other kind of value; `integer` is a signed 64-bit integer; numbers compare as doubles.
// It reads the value through a view (json::boost_view, json::dom_view), the same rules over either parse.

#include "compiled_schema_node.hpp"
#include "harness/json/boost_view.hpp"
#include "harness/json/pointer.hpp"

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

namespace harness::contract {

// valijson reads a string up to its first U+0000 (it takes the C string): its length, its enum and const
// comparisons and its pattern search all see that part only. The program does the same, so that the verdict
// does not depend on which of the two gave it.
std::string_view before_nul(std::string_view text) noexcept;
std::uint64_t code_points_before_nul(std::string_view text) noexcept;

// valijson's strict equality (enum, const): numbers equal as doubles, objects member by member.
template <class A, class B>
bool strictly_equal(A a, B b) noexcept {
    const auto is_number = [](boost::json::kind k) {
        return k == boost::json::kind::int64 || k == boost::json::kind::uint64 ||
               k == boost::json::kind::double_;
    };
    if (is_number(a.kind()) || is_number(b.kind())) {
        // valijson cannot read an integer beyond int64 as a number: it is equal to nothing.
        const auto number = [](auto v) {
            return v.kind() == boost::json::kind::double_ ? v.get_double()
                                                          : static_cast<double>(v.get_int64());
        };
        return is_number(a.kind()) && is_number(b.kind()) && a.kind() != boost::json::kind::uint64 &&
               b.kind() != boost::json::kind::uint64 && number(a) == number(b);
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
    case boost::json::kind::array:
        return a.size() == b.size() && a.each_item([&b](std::size_t index, auto item) {
            const auto other = b.item(index);
            return other && strictly_equal(item, *other);
        });
    case boost::json::kind::object:
        return a.size() == b.size() && a.each_member([&b](std::string_view key, auto member) {
            const auto other = b.member(key);
            return other && strictly_equal(member, *other);
        });
    default:
        return false;
    }
}

// What valijson's deepest errors keep of `raw`: no place that has a failure below it, one per place, sorted.
std::vector<schema_failure> deepest_failures(std::vector<schema_failure> raw);

template <bool collect, class View>
struct compiled_schema::walker {
    using value = View;
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

    bool visit_at(int index, value v, std::string_view token) {
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

    bool visit(int index, value v) {
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
                                             [&v](const boost::json::value& e) {
                                                 return strictly_equal(json::boost_view(e), v);
                                             }) ||
                                 broke("enum"))) {
            return false;
        }
        if (n->constant && !hold(strictly_equal(json::boost_view(*n->constant), v) || broke("const"))) {
            return false;
        }
        if (!hold(number_holds(*n, v)) || !hold(string_holds(*n, v)) || !hold(array_holds(*n, v)) ||
            !hold(object_holds(*n, v)) || !hold(applicators_hold(*n, v))) {
            return false;
        }
        return ok;
    }

    static bool type_holds(const node& n, value v) noexcept {
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

    bool number_holds(const node& n, value v) {
        const boost::json::kind kind = v.kind();
        if (kind != boost::json::kind::int64 && kind != boost::json::kind::uint64 &&
            kind != boost::json::kind::double_) {
            return true;
        }
        // valijson cannot read an integer beyond int64 as a double: every bound fails it.
        const bool readable = kind != boost::json::kind::uint64;
        const double x = kind == boost::json::kind::double_ ? v.get_double()
                         : kind == boost::json::kind::int64 ? static_cast<double>(v.get_int64())
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

    bool string_holds(const node& n, value v) {
        if (v.kind() != boost::json::kind::string) {
            return true;
        }
        const std::string_view s = v.get_string();
        bool ok = true;
        if (n.min_length || n.max_length) {
            const std::uint64_t length = code_points_before_nul(s);
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
        const std::string_view searched = before_nul(s);
        if (n.pattern >= 0 && !std::regex_search(searched.begin(), searched.end(),
                                                 patterns[static_cast<std::size_t>(n.pattern)])) {
            ok = broke("pattern");
        }
        return ok;
    }

    bool array_holds(const node& n, value v) {
        if (v.kind() != boost::json::kind::array) {
            return true;
        }
        const std::size_t size = v.size();
        bool ok = true;
        if (n.max_items && size > *n.max_items) {
            ok = broke("maxItems");
            if constexpr (!collect) {
                return false;
            }
        }
        if (n.min_items && size < *n.min_items) {
            ok = broke("minItems");
            if constexpr (!collect) {
                return false;
            }
        }
        if (n.items < 0) {
            return ok;
        }
        v.each_item([&](std::size_t index, value item) {
            bool item_ok = false;
            if constexpr (collect) {
                item_ok = visit_at(n.items, item, std::to_string(index));
            } else {
                item_ok = visit(n.items, item);
            }
            ok = ok && item_ok;
            return item_ok || collect;
        });
        return ok;
    }

    // Up to this many declared properties, "conforms" checks an object in one pass over its members.
    static constexpr std::size_t most_properties_in_one_pass = 64;
    bool object_holds(const node& n, value v);
    bool object_holds_in_one_pass(const node& n, value v);
    bool applicators_hold(const node& n, value v);
};

} // namespace harness::contract
