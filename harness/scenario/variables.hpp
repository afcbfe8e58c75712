#pragma once
// ${...} variables in scenario strings:
//   ${uuid}          a fresh random UUID at each occurrence
//   ${uuid:NAME}     one random UUID per NAME for the whole case
//   ${env:NAME}      the environment variable NAME (an error when unset)
//   ${text:N}        N characters of mixed-script text (Latin, Cyrillic, CJK, emoji)
//   ${NAME}          a target value (project, conversation, conversation_2, company, token, second_token,
//                    other_project_token, expired_token) or a value captured by an earlier step
// An unknown name is an error naming it. "$${" is a literal "${".

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

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

std::string random_uuid();

} // namespace harness::scenario
