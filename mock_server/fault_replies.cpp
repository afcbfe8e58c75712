// The replies of the huge_body and huge_headers faults, built over a reply handle() made (HTTP/1.1 and
// HTTP/2 alike; declared in request_handler.hpp).

#include "request_handler.hpp"

#include <string>

namespace harness::mock {

void make_huge_body(mock_response& response, std::size_t bytes) {
    response.result(http::status::ok);
    response.body() = "{\"success\":true,\"padding\":\"";
    response.body().append(bytes > 40 ? bytes - 40 : 0, 'x');
    response.body() += "\"}";
    response.prepare_payload();
}

void add_huge_headers(mock_response& response, std::size_t bytes) {
    const std::string value(1000, 'x');
    for (std::size_t n = 0, added = 0; added < bytes; ++n) {
        const std::string name = "X-Padding-" + std::to_string(n);
        response.set(name, value);
        added += name.size() + value.size() + 32; // as SETTINGS_MAX_HEADER_LIST_SIZE counts a header
    }
}

} // namespace harness::mock
