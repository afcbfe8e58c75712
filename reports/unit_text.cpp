#include "unit_text.hpp"

#include "harness/result/time_text.hpp"

#include <cctype>

namespace harness::reports {

std::string micro_sign(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        // "us" right after a digit and not followed by a letter or digit is a unit.
        const bool unit = i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                          text.substr(i, 2) == "us" &&
                          (i + 2 == text.size() || !std::isalnum(static_cast<unsigned char>(text[i + 2])));
        if (unit) {
            out += "µs";
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string duration_text(double microseconds) {
    return micro_sign(result::format_duration_us(microseconds));
}

std::string right_aligned(std::string_view text, std::size_t width) {
    std::size_t characters = 0;
    for (const char c : text) {
        // UTF-8 continuation bytes (10xxxxxx) belong to the character before them.
        characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return std::string(width > characters ? width - characters : 0, ' ') + std::string(text);
}

} // namespace harness::reports
