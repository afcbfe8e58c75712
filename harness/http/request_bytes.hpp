#pragma once
// A view of a serialised HTTP/1.1 request (the bytes the load generator and http_client build once): method,
// target, headers and body, pointing into the bytes. HTTP/2 sends the same request from it, so every request
// is built one way whatever the protocol. Allocation-free: a fixed number of headers.

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

namespace harness::http {

struct request_view {
    static constexpr std::size_t max_headers = 48;

    std::string_view method;
    std::string_view target; // path and query
    std::array<std::pair<std::string_view, std::string_view>, max_headers> headers{};
    std::size_t header_count = 0;
    std::string_view body;

    // Parses `wire` (request line, headers, empty line, body as the rest). False when it is not such a
    // request or has more than max_headers headers.
    bool parse(std::string_view wire) noexcept;
};

} // namespace harness::http
