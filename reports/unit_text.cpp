#include "unit_text.hpp"

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

} // namespace harness::reports
