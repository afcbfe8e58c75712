#pragma once
// The one way durations and instants are written, in every writer, result and message: a duration in
// microseconds below a millisecond, milliseconds below a second, seconds above ("850us", "12.345ms",
// "1.250s"); an instant as ISO 8601 UTC ("2026-12-04T05:00:00Z").

#include <ctime>
#include <string>

namespace harness::result {

std::string format_duration_us(double microseconds);

std::string iso8601_utc(std::time_t instant);

} // namespace harness::result
