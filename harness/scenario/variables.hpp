#pragma once
// ${...} variables in scenario strings:
//   ${uuid}          a fresh random UUID at each occurrence
//   ${uuid:NAME}     one random UUID per NAME for the whole case
//   ${env:NAME}      the environment variable NAME (an error when unset)
//   ${text:N}        N characters of mixed-script text (Latin, Cyrillic, CJK, emoji)
//   ${NAME}          a target value (project, conversation, conversation_2, company, token, second_token,
//                    other_project_token, expired_token, failing_conversation) or a value captured by an
//                    earlier step
// An unknown name is an error naming it. "$${" is a literal "${".

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace harness::scenario {

class variables {
public:
    void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }
    bool has(const std::string& name) const { return values_.contains(name); }

    // Throws std::invalid_argument for an unknown or malformed variable.
    std::string expand(std::string_view text);
    // Expands every string inside a JSON value (keys too).
    boost::json::value expand(const boost::json::value& json);

private:
    std::map<std::string, std::string> values_;
    std::map<std::string, std::string> named_uuids_;
};

// A version-4 UUID from this thread's generator (seeded from the system's random source, or by
// seed_random_uuids).
std::string random_uuid();
void seed_random_uuids(std::uint64_t seed);

// The target values every scenario may use as ${NAME}.
const std::vector<std::string>& target_variable_names();

// The first ${...} in `text` that no run could expand — not uuid, uuid:NAME, env:NAME, text:N, a target value
// or one of `captured` — or "" when there is none: scenario files are checked with it when they load, so a
// typo is a file:line error, not a failed check at run time. A malformed one ("${" without "}", "${text:x}")
// is returned too.
std::string unknown_variable(std::string_view text, const std::vector<std::string>& captured);

} // namespace harness::scenario
