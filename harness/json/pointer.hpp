#pragma once
// RFC 6901 JSON pointers over Boost.JSON values: building them from tokens and resolving them.

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace harness::json {

// "a/b~c" -> "a~1b~0c"
std::string escape_pointer_token(std::string_view token);
std::string unescape_pointer_token(std::string_view token);

// pointer + "/" + escaped token
std::string append_pointer(std::string_view pointer, std::string_view token);
std::string append_pointer(std::string_view pointer, std::size_t index);

// Splits "/a/b~1c" into {"a", "b/c"}; "" gives {}. Returns false for a pointer not starting with '/'.
bool split_pointer(std::string_view pointer, std::vector<std::string>& tokens);

// The value at `pointer`, or nullptr when it does not exist.
const boost::json::value* find_pointer(const boost::json::value& root, std::string_view pointer);
boost::json::value* find_pointer(boost::json::value& root, std::string_view pointer);

// Shows the root pointer "" readably in messages.
std::string display_pointer(std::string_view pointer);

} // namespace harness::json
