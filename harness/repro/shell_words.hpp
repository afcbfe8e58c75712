#pragma once
// Splits a shell command line the way a POSIX shell would before running it: blanks separate words;
// single quotes, double quotes, $'...' (ANSI-C quoting) and backslashes quote; a backslash at the end of a
// line continues it. Enough for what browsers' "copy as cURL" and people write; no expansion of $VAR or
// globs.

#include <string>
#include <string_view>
#include <vector>

namespace harness::repro {

struct shell_word {
    std::string text;
    int line = 1; // where the word starts, 1-based
    int column = 1;
};

// Throws repro_input_error naming line and column of an unterminated quote or a bad escape.
std::vector<shell_word> split_shell_words(std::string_view command);

} // namespace harness::repro
