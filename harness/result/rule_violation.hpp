#pragma once
// A load run's violations by rule: for every check a sampled reply failed (its id, e.g. "schema", "status",
// "content_type"), how many replies broke it, the rule's text (harness/checks/rules) and one sample reply
// (its status, what the check said, the body redacted and cut short), so a number comes with what to fix.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace harness::result {

struct rule_violation {
    std::string rule;      // the check's id (checks::check_outcome::check)
    std::string rule_text; // the contract or profile rule it breaks ("" when the check names none)
    std::uint64_t count = 0;
    struct reply_sample {
        int status = 0;
        std::string message; // what the check found
        std::string body;    // redacted, at most sample_body_bytes (cut bodies end in "…")
    } sample{};
};

// How much of a sample reply's body is kept.
inline constexpr std::size_t sample_body_bytes = 512;

// Adds `from` to `into` by rule id: counts add up, the first sample seen is kept. The most broken rule comes
// first (ties by id), so every output lists them in one order.
void merge_violations(std::vector<rule_violation>& into, const std::vector<rule_violation>& from);

} // namespace harness::result
