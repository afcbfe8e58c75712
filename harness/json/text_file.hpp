#pragma once
// The one whole-file reader: every document, result, capture and template file is read through it, so a file
// that cannot be read fails the same way everywhere (json::document_error naming the file and the reason).

#include <filesystem>
#include <string>

namespace harness::json {

std::string read_text_file(const std::filesystem::path& file);

} // namespace harness::json
