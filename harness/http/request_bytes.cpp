#include "request_bytes.hpp"

namespace harness::http {

namespace {

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

} // namespace

bool request_view::parse(std::string_view wire) noexcept {
    header_count = 0;
    const std::size_t line_end = wire.find("\r\n");
    if (line_end == std::string_view::npos) {
        return false;
    }
    const std::string_view line = wire.substr(0, line_end);
    const std::size_t first_space = line.find(' ');
    const std::size_t last_space = line.rfind(' ');
    if (first_space == std::string_view::npos || last_space <= first_space) {
        return false;
    }
    method = line.substr(0, first_space);
    target = line.substr(first_space + 1, last_space - first_space - 1);
    std::size_t at = line_end + 2;
    while (true) {
        const std::size_t end = wire.find("\r\n", at);
        if (end == std::string_view::npos) {
            return false;
        }
        if (end == at) {
            body = wire.substr(end + 2);
            return true;
        }
        const std::string_view header = wire.substr(at, end - at);
        const std::size_t colon = header.find(':');
        if (colon == std::string_view::npos || colon == 0 || header_count == max_headers) {
            return false;
        }
        headers[header_count++] = {header.substr(0, colon), trim(header.substr(colon + 1))};
        at = end + 2;
    }
}

} // namespace harness::http
