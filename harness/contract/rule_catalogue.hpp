#pragma once
// Every rule of a behaviour profile, by its id (the profile key a user changes, and for keys that list things
// the thing listed: "failures.unauthenticated", "time.epoch_millis: /data/createdAt"), with the named checks
// of harness/checks that observe it. Derived from the profile: one rule per failure kind, per header a kind
// requires, per echoed field and per epoch-milliseconds pointer. A rule no check observes lists none and says
// why: the coverage table shows it as uncovered, never as passed. The coverage model (coverage_model) makes
// one item of area `rule` of each; the check names are kept true by tests that call the checks.

#include "coverage_model.hpp"
#include "profile.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace harness::contract {

// One check that observes a rule: its name ("same_data"; a trailing '*' stands for any suffix:
// "field_errors:*"), and for a check every case runs ("status", "error_code") the coverage item its case must
// cover for it to speak for this rule ("failure unauthenticated").
struct rule_check {
    std::string name;
    std::string in_case; // "" when the check alone speaks for the rule
};

struct profile_rule {
    std::string id;
    std::string description;
    std::vector<rule_check> checks; // empty: no check observes the rule
    // What a run needs beyond black-box requests for its checks to run, and the input that gives it; for a
    // rule without checks, why none observes it.
    std::string needs;
    coverage_input input = coverage_input::none;
};

std::vector<profile_rule> rule_catalogue(const profile& p);

// The evidence a coverage tally looks for: "same_data", "field_errors:*", "status in failure
// unauthenticated".
std::string evidence_of(const rule_check& check);
// Whether an observed check ("field_errors:text") is what an evidence pattern ("field_errors:*") names.
bool evidence_matches(std::string_view pattern, std::string_view observed);

// The profile's top-level keys that are no rule: they name and version the file.
inline constexpr std::string_view profile_metadata_keys[] = {"format", "name"};
// What a rule that no check observes says instead of its checks.
inline constexpr std::string_view no_check_covers_it = "uncovered: no check covers it";

} // namespace harness::contract
