#include "utf8_text.hpp"

namespace harness::json {

namespace {

bool continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

} // namespace

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        count += continuation(c) ? 0 : 1;
    }
    return count;
}

std::size_t code_point_end(std::string_view text, std::size_t count) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!continuation(text[i]) && seen++ == count) {
            return i;
        }
    }
    return text.size();
}

std::string cut_utf8(std::string_view text, std::size_t bytes) {
    if (text.size() <= bytes) {
        return std::string(text);
    }
    std::size_t end = bytes;
    while (end > 0 && continuation(text[end])) {
        --end;
    }
    return std::string(text.substr(0, end)) + "…";
}

} // namespace harness::json
