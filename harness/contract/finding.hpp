#pragma once
// What `contract check` reports about a contract document: errors make the document unusable, warnings name
// something the harness reads but does not enforce (so nothing is ignored silently).

#include "harness/json/document_error.hpp"

#include <string>
#include <vector>

namespace harness::contract {

enum class finding_severity { error, warning };

struct finding {
    finding_severity severity;
    json::source_location where;
    std::string message;

    std::string to_string() const; // "file:line:col: /pointer: error: message"
};

using findings = std::vector<finding>;

bool has_errors(const findings& list);

} // namespace harness::contract
