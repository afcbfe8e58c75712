#pragma once
// A request as a customer or a browser captured it (HAR entry, curl command, recorded exchange), before the
// harness replays it: the absolute URL, headers and body exactly as captured, and what import changed.

#include "harness/http/exchange.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace harness::repro {

struct captured_request {
    std::string method = "GET"; // upper case
    std::string url;            // absolute: scheme://host[:port]/path?query
    http::header_list
        headers; // as captured, in order; Host, Content-Length and HTTP/2 pseudo-headers removed
    std::string body;
    bool insecure = false; // curl -k: the capture did not verify TLS
    // The HTTP the capture used, as --http takes it ("2" for a HAR entry of httpVersion h2 or curl
    // --http2-prior-knowledge, "1.1" for curl --http1.1; "" when it does not say): the replay's default.
    std::string http_version;
    std::string origin;             // where it came from, for people: "curl command", "capture.har entry 3"
    std::vector<std::string> notes; // what import dropped or changed, and why
};

// Bad input (HAR, curl line, scenario): the message names the problem and its place.
class repro_input_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace harness::repro
