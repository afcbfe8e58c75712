#pragma once
// Valid string values that stress storage, in families: several scripts, the astral plane, combining marks,
// right-to-left text, control characters and U+0000, markup and quotes, whitespace, mixed case, the empty
// string and long values (the usual column widths, in code points and in bytes). A gateway keeps each of
// them as sent; a column type, a collation, a sanitiser or a validator that changes or refuses one is what
// the values suite finds. A fixed list, plus a sample drawn from a seed that mixes the families, so one seed
// always gives the same values. The coverage model names one item per family and free string field; the
// values suite sends them.

#include "schema_validator.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace harness::contract {

struct string_value {
    std::string label; // what the value is, for a step's id: "U+1F600 and CJK extension B"
    std::string text;  // UTF-8
};

struct value_family {
    std::string name;        // "astral plane": the coverage item is "value FIELD: NAME"
    std::string description; // what a gateway must keep
    bool for_keys = true;    // meaningful as an idempotency key (which always carries a per-run unique part)
    std::vector<string_value> values;
};

// Every family with its fixed values, in order (built once).
const std::vector<value_family>& value_families();

// `count` values drawn from `seed`, each a random mix of the families' characters (every one valid UTF-8 of
// at most a few hundred bytes); the same seed gives the same values on every platform.
std::vector<string_value> sampled_values(std::uint64_t seed, std::size_t count);

// The family's values the request schema accepts at `field` (judged by that field's own violations): a
// contract that narrows a field (a pattern, a maxLength) keeps only the values still valid there.
std::vector<string_value> accepted_values(const schema_validator& validator, const std::string& field,
                                          const value_family& family);

} // namespace harness::contract
