#include "time_text.hpp"

#include <cstdio>

namespace harness::result {

std::string format_duration_us(double us) {
    char text[32];
    if (us >= 1e6) {
        std::snprintf(text, sizeof text, "%.3fs", us / 1e6);
    } else if (us >= 1e3) {
        std::snprintf(text, sizeof text, "%.3fms", us / 1e3);
    } else {
        std::snprintf(text, sizeof text, "%.0fus", us);
    }
    return text;
}

std::string iso8601_utc(std::time_t instant) {
    std::tm utc{};
    gmtime_r(&instant, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace harness::result
