#pragma once
// The mock's network side: a Boost.Beast HTTP/1.1 server (plain or TLS) that reads requests with limits and
// timeouts, answers them with handle(), and carries out the transport faults (delay, reset, truncate, drip).
// Beast and Asio stay out of this header.

#include "mock_state.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace harness::mock {

struct server_options {
    std::string bind = "127.0.0.1";
    unsigned short port = 0; // 0: any free port
    int threads = 1;
    std::string tls_cert_file; // PEM; both set = HTTPS
    std::string tls_key_file;
    std::string
        tls_client_ca_file; // PEM: when set, clients must present a certificate it signed (mutual TLS)
    std::size_t max_connections = 10'000;           // beyond it, new connections are closed at once
    std::chrono::milliseconds read_timeout{10'000}; // a whole request (or keep-alive idleness) must fit in it
    std::size_t header_limit = 8192;                // bytes of request line + headers; beyond it, 431
    bool stop_on_signals = false;                   // SIGINT/SIGTERM stop the server (for the CLI)
};

class mock_server {
public:
    // Binds and listens at once; throws std::system_error (bind, port in use) or std::runtime_error (TLS
    // files).
    mock_server(server_options options, mock_state& state);
    ~mock_server();
    mock_server(const mock_server&) = delete;
    mock_server& operator=(const mock_server&) = delete;

    // "http://127.0.0.1:PORT", "https://[::1]:PORT"
    std::string url() const;
    unsigned short port() const;

    void start(); // serve on options.threads background threads
    void run();   // serve on this thread plus options.threads - 1 others; returns after stop()
    void stop();  // thread-safe; closes the listener and every connection
    void wait();  // joins the background threads

    std::size_t open_connections() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace harness::mock
