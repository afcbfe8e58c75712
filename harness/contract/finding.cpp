#include "finding.hpp"

#include <algorithm>

namespace harness::contract {

std::string finding::to_string() const {
    std::string text = where.to_string();
    text += text.empty() ? "" : ": ";
    text += severity == finding_severity::error ? "error: " : "warning: ";
    text += message;
    return text;
}

bool has_errors(const findings& list) {
    return std::any_of(list.begin(), list.end(),
                       [](const finding& f) { return f.severity == finding_severity::error; });
}

} // namespace harness::contract
