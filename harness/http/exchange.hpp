#pragma once
// One request and what came back, as the driver keeps it for checks and reports. Headers that carry secrets
// are redacted before an exchange is stored (see redact.hpp).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace harness::http {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct http_request {
    std::string method = "POST";
    std::string target; // path and query, appended to the target URL's base path
    header_list headers;
    std::string body;
};

struct http_response {
    int status = 0;
    std::string reason;
    header_list headers; // names as received
    std::string body;

    // The first header of that name (case-insensitive), or "".
    std::string_view header(std::string_view name) const;
};

// How an exchange ended: a closed set, so counts and reports can rely on it.
enum class outcome_kind {
    ok,        // a complete HTTP response arrived
    connect,   // could not connect (refused, unreachable, DNS, connect timeout)
    tls,       // TLS handshake failed (certificate refused, protocol mismatch)
    timeout,   // connected, but the response did not complete in time
    reset,     // the peer closed or reset the connection before the response was complete
    protocol,  // the bytes were not a valid HTTP response
    too_large, // the response exceeded the size cap
    // HTTP/2: one stream failed, the connection may go on.
    stream_reset,   // the server reset the stream (RST_STREAM with an error code)
    goaway,         // the server's GOAWAY cancelled the stream, or it left before answering
    flow_control,   // the server's flow-control window stayed closed (or FLOW_CONTROL_ERROR)
    settings_limit, // a SETTINGS limit: the stream refused (REFUSED_STREAM), a header block beyond the limit
};

std::string_view to_string(outcome_kind kind);

// Header names compare case-insensitively (RFC 9110).
bool same_header_name(std::string_view a, std::string_view b);
// ASCII lower case, for header names, media types and auth schemes.
std::string to_lower(std::string_view text);

struct exchange_timings {
    std::int64_t connect_us = 0;    // TCP connect (0 on a reused connection)
    std::int64_t tls_us = 0;        // TLS handshake (0 for plain or reused)
    std::int64_t first_byte_us = 0; // from the request's first byte written to the response's first byte
    std::int64_t total_us = 0;      // from the start of the exchange to the response's last byte
};

struct exchange {
    http_request request; // redacted
    http_response response;
    exchange_timings timings;
    outcome_kind outcome = outcome_kind::ok;
    std::string error; // why, when outcome != ok
    // A failed exchange whose status line and headers had all arrived: the body broke (a truncated or
    // oversized body, a broken chunk, a reset or silence after the headers).
    bool failed_after_headers = false;
    bool reused_connection = false;
    bool http2 = false; // the connection spoke HTTP/2
    // Wall-clock time (epoch milliseconds) when the exchange started, for checks on the times a reply
    // carries; 0 when not recorded (the load generator keeps only monotonic times).
    std::int64_t sent_at_ms = 0;
};

// How a failed exchange broke, in words a ticket can take: what happened and how far the reply had got
// ("reset after the headers", "timed out before the headers", "not an HTTP reply"); "" when it is ok.
std::string describe_failure(const exchange& e);

} // namespace harness::http
