#pragma once
// The value of one hexadecimal digit, for every decoder of escapes: percent-encoding in paths, \xNN and
// \uNNNN in shell words and JSON-like text.

namespace harness::json {

// 0..15, or -1 when `c` is not a hexadecimal digit.
constexpr int hex_digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace harness::json
