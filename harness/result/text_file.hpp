#pragma once
// Reads a result file whole; throws std::invalid_argument naming the file when it cannot.

#include <string>

namespace harness::result {

std::string read_text_file(const std::string& file);

} // namespace harness::result
