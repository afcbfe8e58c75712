#pragma once
// A repro bundle is written whole or not at all: every file goes into a sibling folder first, which is
// renamed into place only when all are written, so a failure (disk full, bad input found late) leaves nothing
// half-done.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace harness::repro {

using bundle_files = std::vector<std::pair<std::string, std::string>>; // file name, content

// Whether `dir` can take a bundle, checked before anything is replayed: it must not exist (its nearest
// existing parent then a writable folder) or be an empty folder. Throws std::runtime_error saying why not.
void check_bundle_folder(const std::filesystem::path& dir);

// `dir` must not exist, or be an empty folder. Throws std::runtime_error saying what failed; on failure
// nothing is left behind.
void write_bundle(const std::filesystem::path& dir, const bundle_files& files);

} // namespace harness::repro
