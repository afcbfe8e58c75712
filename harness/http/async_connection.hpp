#pragma once
// The transport of the load generator: one keep-alive connection (plain TCP or TLS, chosen at connect) driven
// by an io_context, sending pre-serialised requests and reading responses with response_scanner. HTTP/1.1 or
// HTTP/2 is chosen at connect too (client_options::http, ALPN over TLS): over HTTP/2 each request is a stream
// built from the same HTTP/1.1 bytes (h2_client_session), and its reply fills the same response_scanner. Same
// targets, TLS settings and outcome classes as http_client; built for the hot path: after the connection is
// up, an HTTP/1.1 request/response cycle allocates nothing.

#include "exchange.hpp"
#include "http_client.hpp"
#include "response_scanner.hpp"
#include "target_url.hpp"

#include <chrono>
#include <memory>
#include <string_view>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace harness::http {

// Shared by the connections of one thread: resolved endpoints, the TLS context and the timeout sweeper, made
// once.
class connection_pool_context {
public:
    // Resolves the target and prepares TLS; throws std::runtime_error (unresolvable host, unreadable CA).
    connection_pool_context(boost::asio::io_context& ioc, target_url target, client_options options);
    ~connection_pool_context();

    struct impl;
    impl& get() { return *impl_; }

private:
    std::unique_ptr<impl> impl_;
};

class async_connection {
public:
    class listener {
    public:
        virtual ~listener() = default;
        // One call per send(): the response (outcome ok) or why there is none.
        virtual void on_response(async_connection& connection, outcome_kind outcome,
                                 const response_scanner& response) = 0;
        // One call per open(): connected (and TLS done), or why not (error() says it in words).
        virtual void on_open(async_connection& /*connection*/, outcome_kind /*outcome*/) {}
    };

    // A connection of its own.
    async_connection(connection_pool_context& context, listener& listener, std::size_t max_body_bytes);
    // Another lane on the connection of `shares_with` (h2load -m): over HTTP/2 each lane has its own stream
    // in flight at once; a server that chooses HTTP/1.1 fails the connection's set-up (protocol, or tls when
    // ALPN chose), since HTTP/1.1 carries one request at a time.
    async_connection(async_connection& shares_with, listener& listener, std::size_t max_body_bytes);
    ~async_connection();
    async_connection(const async_connection&) = delete;
    async_connection& operator=(const async_connection&) = delete;

    // Sends `request` (complete HTTP/1.1 bytes; must stay valid until on_response), connecting first when
    // needed.
    void send(std::string_view request);
    // Connects (and does the TLS handshake) without sending, so a load run's pool is ready before its time
    // zero; a connection that fails here is tried again by the next send().
    void open();
    // Closes the connection (every lane sharing it loses its request in flight, as outcome reset).
    void close();
    // HTTP/1.1, between requests: closes the connection when the server ended it while idle (its keep-alive
    // timeout), so the next send() connects anew rather than failing; true when it did. A caller asks after
    // an idle spell, as a peek costs a system call.
    bool close_if_ended_while_idle();
    bool connected() const noexcept;

    // Timings cost clock reads; the load generator, which measures on its own, turns them off.
    void collect_timings(bool on) noexcept;

    // About the last exchange, for reports (the load generator's hot path reads none of these):
    const exchange_timings& timings() const noexcept; // connect, TLS, first byte, total
    const std::string& error() const noexcept;        // why it failed, in words ("" when it did not)
    bool reused() const noexcept;                     // it went over a connection already open
    bool http2() const noexcept;                      // the connection speaks HTTP/2 (ALPN h2, or h2c)
    // The server would not speak HTTP/2 where it was required (--http 2, or several lanes sharing the
    // connection): a set-up error that the next attempt would only repeat.
    bool refused_protocol() const noexcept;
    response_scanner& scanner() noexcept; // e.g. to keep_headers()

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace harness::http
