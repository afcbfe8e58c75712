#pragma once
// The one way a duration is written for people, in every writer and message: microseconds below a
// millisecond, milliseconds below a second, seconds above ("850us", "12.345ms", "1.250s").

#include <string>

namespace harness::result {

std::string format_duration_us(double microseconds);

} // namespace harness::result
