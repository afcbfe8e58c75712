#pragma once
// What a newcomer typed wrong, named: an unknown subcommand ("unknown subcommand 'verfy'; did you mean
// 'verify'?"), or an unknown flag of the subcommand it was given to, each with the closest known name and the
// list of what exists. CLI11 alone says "A subcommand is required" or "The following arguments were not
// expected", which names neither the typo nor the choices.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace harness::cli {

// The closest of `candidates` to `word` (edit distance at most a third of its length, and at most 3), or "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// Reads argv against the command tree; returns a message for the first unknown subcommand or flag, or nullopt
// when every word is known (the parse error is then CLI11's own).
std::optional<std::string> explain_unknown_words(const CLI::App& app, int argc, const char* const* argv);

} // namespace harness::cli
