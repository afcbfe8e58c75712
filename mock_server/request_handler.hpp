#pragma once
// The mock's reply to one parsed request, computed without any I/O: routing, authentication, content type,
// validation (through harness/contract: the mock has no validation of its own), project and conversation
// access, idempotency and storage, all as the behaviour profile says. Tests call it without sockets.

#include "fault_injector.hpp"
#include "field_allocator.hpp"
#include "mock_state.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace harness::mock {

namespace http = boost::beast::http;
// Headers whose field blocks are recycled per thread (field_allocator.hpp).
using mock_fields = http::basic_fields<field_allocator<char>>;
using mock_request = http::request<http::string_body, mock_fields>;
using mock_response = http::response<http::string_body, mock_fields>;

struct mock_reply {
    mock_response response;
    fault_decision faults; // what the transport must still do: delay, reset, truncate, drip
};

// Decides this request's faults with state.faults(), then answers.
mock_reply handle(const mock_request& request, mock_state& state);

// Answers with the given faults, so tests can choose them.
mock_reply handle(const mock_request& request, mock_state& state, const fault_decision& faults);

// The huge_body fault's reply: 200 with a JSON body of about `bytes` bytes (HTTP/1.1 and HTTP/2 alike).
void make_huge_body(mock_response& response, std::size_t bytes);
// The huge_headers fault: the same reply with X-Padding-N headers of about `bytes` bytes in all.
void add_huge_headers(mock_response& response, std::size_t bytes);

// A conforming error envelope, with Connection: close, for a request the HTTP parser refused (too large,
// malformed), which never reaches handle().
mock_response refused_request_reply(http::status status, std::string_view code, std::string_view message,
                                    unsigned version);

} // namespace harness::mock
