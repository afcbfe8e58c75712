#pragma once
// Which run a result file holds, read from its "format" member through harness/json's reader: what
// `report markdown|junit|html` render.

#include <string>

namespace harness::result {

enum class result_format { verify, load };

// Throws json::document_error naming the file (and line) when it cannot be read or is not a harness result.
result_format result_format_of(const std::string& file);

} // namespace harness::result
