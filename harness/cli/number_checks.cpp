#include "number_checks.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace harness::cli {

namespace {

std::string shown(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

// "" when `text` is a number in [min, max] (and whole when asked), else what is wrong.
std::string check(const std::string& text, double min, double max, bool whole, bool open_min) {
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value)) {
        return "'" + text + "' is not a number";
    }
    if (whole && value != std::floor(value)) {
        return "must be a whole number, got " + text;
    }
    if (open_min && !(value > min)) {
        return "must be above " + shown(min) + ", got " + text;
    }
    if (value < min || value > max) {
        return std::string("must be ") + (whole ? "a whole number" : "a number") + " from " + shown(min) +
               " to " + shown(max) + ", got " + text;
    }
    return "";
}

} // namespace

CLI::Validator above_zero() {
    return {[](std::string& text) { return check(text, 0, HUGE_VAL, false, true); }, "NUMBER > 0"};
}

CLI::Validator zero_or_more() {
    return {[](std::string& text) { return check(text, 0, HUGE_VAL, false, false); }, "NUMBER >= 0"};
}

CLI::Validator number_between(double min, double max) {
    return {[min, max](std::string& text) { return check(text, min, max, false, false); },
            "NUMBER in [" + shown(min) + " - " + shown(max) + "]"};
}

CLI::Validator whole_between(long long min, long long max) {
    return {[min, max](std::string& text) {
                return check(text, static_cast<double>(min), static_cast<double>(max), true, false);
            },
            "INT in [" + shown(static_cast<double>(min)) + " - " + shown(static_cast<double>(max)) + "]"};
}

} // namespace harness::cli
