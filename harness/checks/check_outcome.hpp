#pragma once
// What one check observed: a name, whether it held, and — when it did not — expected vs actual and the
// contract or profile rule it breaks. Checks only observe; the verdict of a run is the result's to draw.

#include <string>
#include <vector>

namespace harness::checks {

enum class check_status { passed, failed, skipped };

struct check_outcome {
    std::string check; // e.g. "schema", "status", "error_id_unique", "json:/data/messageUuid"
    check_status status = check_status::passed;
    std::string message; // one line for people: what was checked and, on failure, what went wrong
    std::string expected;
    std::string actual;
    std::string
        rule; // the contract or profile rule, with its profile key, e.g. "profile rule 2 (failures): …"
    int exchange = -1; // index into the case's exchanges, when the check is about one reply
};

using check_outcomes = std::vector<check_outcome>;

// An outcome that held or failed, in one call.
inline check_outcome make_outcome(std::string check, bool passed, std::string message, std::string expected,
                                  std::string actual, std::string rule, int exchange = -1) {
    return {std::move(check),
            passed ? check_status::passed : check_status::failed,
            std::move(message),
            std::move(expected),
            std::move(actual),
            std::move(rule),
            exchange};
}

} // namespace harness::checks
