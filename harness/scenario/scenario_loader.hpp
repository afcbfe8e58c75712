#pragma once
// Reads a scenario file (YAML). Any problem is a document_error naming file, line and what is wrong; the
// format is documented in docs/scenarios.md.

#include "scenario.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace harness::scenario {

suite load_suite(const std::filesystem::path& path);
suite parse_suite(std::string_view text, std::string name);

} // namespace harness::scenario
