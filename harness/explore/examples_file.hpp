#pragma once
// The examples file (as Hypothesis's database): every failing sequence the explorer shrank, kept between runs
// and replayed first on the next one, so a bug found once is looked at again until it is gone (an example
// that passes is dropped). JSON: {"format": 1, "examples": [{"keys": [...], "payloads": [...], "ops":
// [...]}]}.

#include "sequence.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace harness::explore {

// The file's examples; none when it does not exist. Throws json::document_error (file, line, JSON pointer)
// when it is not an examples file.
std::vector<sequence> read_examples(const std::filesystem::path& file);

// Writes them (atomically; the folder is created); why not, when it could not.
std::optional<std::string> write_examples(const std::filesystem::path& file,
                                          const std::vector<sequence>& examples);

} // namespace harness::explore
