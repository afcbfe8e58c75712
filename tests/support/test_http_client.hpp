#pragma once
// A small blocking HTTP/1.1 client for the mock's loopback tests (test support only: the product's one HTTP
// client is harness/http). Every call is bounded by a timeout.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace harness::testing {

struct test_response {
    int status = 0;
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;
};

struct test_request {
    std::string method = "POST";
    std::string target;
    std::map<std::string, std::string> headers;
    std::string body;
};

// One keep-alive connection to 127.0.0.1:port (plain, or TLS verified against `ca_file` when given).
class test_connection {
public:
    explicit test_connection(unsigned short port, std::string ca_file = {},
                             std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~test_connection();

    // Throws std::system_error on a transport error (reset, timeout, closed).
    test_response send(const test_request& request);

    // Writes raw bytes and reads whatever comes back until the peer closes or `timeout` passes.
    std::string exchange_raw(const std::string& bytes);
    // Writes bytes and returns (no reply is read).
    void write_raw(const std::string& bytes);

    // True when the peer has closed the connection (a read returns EOF within `wait`).
    bool closed_by_peer(std::chrono::milliseconds wait);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// One request on a fresh connection.
test_response send_once(unsigned short port, const test_request& request);

} // namespace harness::testing
