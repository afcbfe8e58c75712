#pragma once
// UTF-8 text measured and cut by code points: a cut inside a multi-byte sequence would leave invalid UTF-8,
// which no JSON writer may emit and no JSON reader accepts.

#include <cstddef>
#include <string>
#include <string_view>

namespace harness::json {

// The number of Unicode code points in valid UTF-8 `text`.
std::size_t code_points(std::string_view text);

// The byte where the first `count` code points of valid UTF-8 `text` end (its size when it has no more).
std::size_t code_point_end(std::string_view text, std::size_t count);

// At most `bytes` bytes of `text`, cut on a code point boundary, with "…" appended when cut.
std::string cut_utf8(std::string_view text, std::size_t bytes);

} // namespace harness::json
