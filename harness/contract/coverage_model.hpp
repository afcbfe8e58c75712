#pragma once
// What a contract and its profile declare, as a list of items a verify run should exercise: every declared
// response status, every failure kind of the profile, every request field in every shape (valid, null,
// absent, each JSON type it does not accept, empty, very long, non-ASCII), bad fields together, every other
// method, path-parameter variants, every rule of the profile (rule_catalogue: each with the checks that
// observe it), its latency budget, and families of valid values that stress storage (contract/value_families)
// with bodies at the size limit. Derived, never listed by hand: a contract or profile that declares more
// yields more items (and the generated suites more cases). harness/result tallies which items a run covered;
// the reports show the table.

#include "contract.hpp"
#include "operation.hpp"
#include "profile.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace harness::contract {

enum class coverage_area { response, failure, field, fields, method, path, rule, value, sequence, latency };
std::string_view to_string(coverage_area area);

// An input a run may give beyond black-box requests, to reach what no request alone can.
enum class coverage_input { none, failing_conversation, store_oracle };

// What provoking a failure kind needs beyond black-box requests ("" when requests alone do), and the input
// that gives it (none when no input does: a matter of timing).
std::string needs_to_provoke(failure_kind kind);
coverage_input input_to_provoke(failure_kind kind);

struct coverage_item {
    std::string id; // stable and readable: "field itemUuid: null", "method GET", "response 404"
    coverage_area area;
    std::string description;
    // Check names or observations that also count as covering it (a check that ran, "status:404"); a case
    // covers it by naming `id`.
    std::vector<std::string> evidence;
    // What a run needs beyond black-box requests to reach it ("" when requests alone reach it).
    std::string needs;
    // The input `needs` asks for (none when no input reaches it, e.g. a matter of timing): once a run gives
    // it, `needs` is no longer why the item was not covered.
    coverage_input input = coverage_input::none;

    // For generated cases: the field(s), method or path parameter, the variant, and the expected outcome.
    std::vector<std::string> fields;
    std::string variant;
    boost::json::value sample; // the field's value (field area)
    bool conforms = false;     // the request keeps the contract (a success is expected)
};

// The request-field variants, in order.
inline constexpr std::string_view field_variant_valid = "valid";
inline constexpr std::string_view field_variant_null = "null";
inline constexpr std::string_view field_variant_absent = "absent";
inline constexpr std::string_view field_variant_empty = "empty string";
inline constexpr std::string_view field_variant_long = "very long";
inline constexpr std::string_view field_variant_non_ascii = "non-ASCII";
// A "very long" string: long enough to pass any plausible column width, far below the body limit.
inline constexpr std::size_t long_string_length = 5000;
// The values suite's variants beside the names of the value families (contract/value_families).
inline constexpr std::string_view value_variant_sample = "seeded sample";
inline constexpr std::string_view value_variant_key_case = "differing only in case";
inline constexpr std::string_view value_variant_key_prefix = "sharing a long prefix";
inline constexpr std::string_view value_variant_company = "the caller's company";
// The path variants of each path parameter, and of the whole path.
inline constexpr std::string_view path_variant_unknown = "unknown";
inline constexpr std::string_view path_variant_malformed = "malformed";
inline constexpr std::string_view path_variant_other_case = "other case";
inline constexpr std::string_view path_variant_trailing_slash = "trailing slash";

std::vector<coverage_item> derive_coverage_model(const contract& c, const operation& op, const profile& p);

} // namespace harness::contract
