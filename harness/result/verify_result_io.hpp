#pragma once
// Reading a `harness.verify` JSON result back (for report writers run after the fact).

#include "verify_result.hpp"

#include <string>

namespace harness::result {

// Throws std::invalid_argument naming the file and what is wrong.
verify_result read_verify_result(const std::string& file);

} // namespace harness::result
