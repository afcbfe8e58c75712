#pragma once
// Reading a `harness.verify` JSON result back (for report writers run after the fact).

#include "verify_result.hpp"

#include <string>

namespace harness::result {

// Throws json::document_error (a std::invalid_argument) naming the file, line and JSON pointer of what is
// wrong. Members left out or added by later versions read as their defaults.
verify_result read_verify_result(const std::string& file);

} // namespace harness::result
