#pragma once
// Shared by the schema tests: sample JSON values of every type, and a readable dump of violations.

#include "harness/contract/violation.hpp"

#include <map>
#include <set>
#include <string>

#include <boost/json.hpp>

namespace harness::contract::testing {

// One value of each JSON type, keyed by the JSON Schema type name that accepts it.
inline const std::map<std::string, boost::json::value>& samples_by_type() {
    static const std::map<std::string, boost::json::value> samples = {
        {"string", boost::json::value("text")}, {"integer", boost::json::value(42)},
        {"number", boost::json::value(1.5)},    {"boolean", boost::json::value(true)},
        {"array", boost::json::array{1, 2}},    {"object", boost::json::object{{"k", "v"}}},
        {"null", boost::json::value(nullptr)}};
    return samples;
}

// A field of a manifest table: the JSON Schema types it accepts (besides null), and the table's flags.
struct field_row {
    std::string name;
    std::set<std::string> accepts; // "number" accepts "integer" too, as JSON Schema says
    bool required;
    bool nullable;
};

inline bool accepts(const field_row& row, const std::string& type) {
    if (type == "null") {
        return row.nullable;
    }
    return row.accepts.contains(type) || (type == "integer" && row.accepts.contains("number"));
}

inline std::string dump(const violations& found) {
    std::string text;
    for (const violation& v : found) {
        text += "\n  " + v.to_string();
    }
    return text.empty() ? "\n  (no violations)" : text;
}

inline bool has_violation(const violations& found, const std::string& pointer, const std::string& rule) {
    for (const violation& v : found) {
        if (v.pointer == pointer && v.rule == rule) {
            return true;
        }
    }
    return false;
}

} // namespace harness::contract::testing
