#pragma once
// Where every value of a JSON text was written, by JSON pointer: what lets errors in JSON documents (results,
// HAR captures, contracts written as JSON) name a line, as YAML documents do. The values themselves come from
// Boost.JSON; this only walks the same text again for positions.

#include <string>
#include <string_view>
#include <unordered_map>

namespace harness::json {

struct text_position {
    int line = 0;   // 1-based
    int column = 0; // 1-based, in bytes
};

// A mapping member is where its key is written; an array item where the item starts.
using text_positions = std::unordered_map<std::string, text_position>;

// `text` must be JSON that Boost.JSON has accepted (so its nesting is bounded). Throws document_error, named
// `name`, for a key written twice in one object: JSON allows it, but which value counts would be a guess, and
// YAML documents refuse it too.
text_positions scan_json_positions(std::string_view text, const std::string& name);

} // namespace harness::json
