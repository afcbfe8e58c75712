#pragma once
// One way a JSON value breaks a schema. Violations are data, not exceptions: checks collect them and reports
// print them as `JSON pointer: rule broken (expected …, got …)`.

#include <string>
#include <vector>

namespace harness::contract {

struct violation {
    std::string pointer;  // where in the checked value ("" = the value itself)
    std::string rule;     // the JSON Schema keyword broken: "required", "type", "enum", …
    std::string expected; // what the schema asks for, in words ("string or null", "present")
    std::string actual;   // what the value has ("null", "number 42", "absent")

    std::string to_string() const;
};

using violations = std::vector<violation>;

} // namespace harness::contract
