#pragma once
// The one way the CLI writes a result or report file: the whole output, or a clear error naming the file,
// what it was for and why it could not be written.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string_view>

namespace harness::cli {

// False (and "error: cannot write WHAT to PATH: REASON" on `err`) when the file cannot be written.
bool write_output_file(const std::filesystem::path& path, std::string_view what, std::ostream& err,
                       const std::function<void(std::ostream&)>& write);

// Before a long run: false (and why, on `err`) when `path` cannot be written — its folder is missing or not
// writable, or it is a folder itself. Creates nothing.
bool output_path_usable(const std::filesystem::path& path, std::string_view what, std::ostream& err);

} // namespace harness::cli
