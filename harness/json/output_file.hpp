#pragma once
// The one way a file is written, the counterpart of read_text_file: a result, a report, a bundle's file, a
// recorded scenario. Each returns why it could not ("cannot write WHAT to PATH: REASON"), never half a file
// without saying so.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace harness::json {

using file_content = std::function<void(std::ostream&)>;

// The whole file through `write`; std::nullopt when written, else why not.
std::optional<std::string> write_output_file(const std::filesystem::path& path, std::string_view what,
                                             const file_content& write);

// The same, written beside it under a temporary name and renamed into place: a reader never sees half of it.
std::optional<std::string> write_file_atomically(const std::filesystem::path& path, std::string_view what,
                                                 const file_content& write);

// Before a long run: why `path` could not be written (its folder is missing or not writable, or it is a
// folder itself), std::nullopt when it can. Creates nothing.
std::optional<std::string> output_path_problem(const std::filesystem::path& path, std::string_view what);

} // namespace harness::json
