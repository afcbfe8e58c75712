#pragma once
// Escaping for the markup writers (JUnit XML and HTML): one function, so both are safe the same way.

#include <string>
#include <string_view>

namespace harness::reports {

// &, <, >, " and ' as entities; control characters XML 1.0 forbids (all but tab, newline, return) as spaces.
std::string escape_markup(std::string_view text);

} // namespace harness::reports
