#pragma once
// One node of a compiled schema's program (compiled_schema.hpp): the schema object's keywords read out once,
// its child schemas as indices into the program. Internal to harness/contract.

#include "compiled_schema.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

namespace harness::contract {

struct compiled_schema::node {
    // The JSON types `type` allows, one bit each; every bit set when the schema has no `type`.
    static constexpr std::uint8_t null_type = 1, boolean_type = 2, object_type = 4, array_type = 8,
                                  number_type = 16, integer_type = 32, string_type = 64, any_type = 127;

    int alias = -1; // a $ref: the node it points at, and nothing else of this node applies
    std::uint8_t types = any_type;
    bool has_enum = false;
    std::vector<boost::json::value> enum_values;
    std::optional<boost::json::value> constant;
    std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum;
    std::optional<std::uint64_t> min_length, max_length; // in code points
    int pattern = -1;                                    // index into the compiled patterns
    int items = -1;
    std::optional<std::uint64_t> min_items, max_items;
    std::vector<std::string> required;
    std::vector<int> required_property; // per required name: its index in `properties`, or -1
    std::vector<std::pair<std::string, int>> properties;
    int additional = -1; // the additionalProperties schema, when it is one
    bool additional_forbidden = false;
    std::optional<std::uint64_t> min_properties, max_properties;
    std::vector<int> all_of, any_of, one_of;
    int negated = -1; // `not`
};

} // namespace harness::contract
