#pragma once
// Internal to harness/http: one network connection of async_connection. It connects (TCP, then TLS), chooses
// HTTP/1.1 or HTTP/2, and serves its users (async_connection lanes): over HTTP/1.1 one user reads and writes
// the stream itself; over HTTP/2 every user opens streams on the one session the link reads and writes, so
// several requests are in flight on one connection at once (h2load -m). The pool context holds what the
// connections of a thread share, and the one timer that enforces every deadline.

#include "async_connection.hpp"
#include "exchange.hpp"
#include "h2_client_session.hpp"
#include "http_client.hpp"
#include "target_url.hpp"
#include "tls_stream.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>

namespace harness::http {

using steady_clock = std::chrono::steady_clock;
inline constexpr steady_clock::time_point no_deadline = steady_clock::time_point::max();

// What a link asks of the users it serves.
class link_user {
public:
    virtual ~link_user() = default;
    // The connection this user waited for is up (its protocol chosen), or could not be made.
    virtual void link_ready() = 0;
    virtual void link_failed(outcome_kind outcome, const std::string& why) = 0;
    // Its deadline passed (the pool's sweeper calls this).
    virtual void expire() = 0;

    steady_clock::time_point deadline = no_deadline;
    bool waiting = false;  // for the link's connection
    bool notified = false; // scratch: among the waiters of the attempt being reported
};

class connection_link;

// Shared by the connections of one thread: resolved endpoints and the TLS context, made once.
struct connection_pool_context::impl {
    boost::asio::io_context& ioc;
    target_url target;
    client_options options;
    boost::asio::ip::tcp::resolver::results_type endpoints;
    std::optional<boost::asio::ssl::context> tls;
    // Timeouts: one timer sweeps every deadline every few milliseconds while any is armed (wrk2 checks
    // timeouts the same way), instead of a timer operation per socket operation.
    std::vector<link_user*> users;
    std::vector<connection_link*> links;
    std::optional<boost::asio::steady_timer> sweeper;
    bool sweeping = false;

    void ensure_sweeping();
    void sweep();
};

class connection_link {
public:
    explicit connection_link(connection_pool_context::impl& context);
    ~connection_link();
    connection_link(const connection_link&) = delete;
    connection_link& operator=(const connection_link&) = delete;

    void attach(link_user& user);
    void detach(link_user& user);

    // `user` wants the connection: it is told link_ready or link_failed. Connects when nothing is under way;
    // over HTTP/2 after the server's GOAWAY, reconnects once the streams still open have ended.
    void await(link_user& user);
    // Up, with its protocol chosen, and taking new requests (not left by a GOAWAY).
    bool usable() const noexcept;
    bool connected() const noexcept { return connected_; }
    bool http2() const noexcept { return speaks_h2_; }
    bool refused_protocol() const noexcept { return refused_protocol_; }
    connection_pool_context::impl& context() noexcept { return context_; }
    const exchange_timings& setup_timings() const noexcept { return setup_; }
    void collect_timings(bool on) noexcept { timing_ = on; }

    // HTTP/1.1: the stream its one user reads and writes, and the buffer to read into.
    template <typename Fn>
    void on_stream(Fn fn) {
        if (secure_) {
            fn(*secure_);
        } else {
            fn(*plain_);
        }
    }
    std::array<char, 16384>& read_buffer() noexcept { return read_buffer_; }
    // Closes the socket so that the pending operation of a timed-out HTTP/1.1 exchange completes.
    void abort_socket();
    // HTTP/1.1, between requests: whether the server has ended the connection while it sat idle (a FIN, an
    // RST, or bytes it sent unasked, such as a 408 before closing). A peek that never blocks; a request then
    // goes over a new connection instead of into a dead one (a keep-alive timeout is no failure of the
    // target).
    bool idle_connection_ended();

    // HTTP/2: the session streams are opened on; flush() writes what it has to send, read() keeps one read
    // pending while the connection is up.
    h2_client_session* session() noexcept { return h2_.get(); }
    void flush();
    void read();
    // After one of its streams ended: a link the server left (GOAWAY) closes once none is open, and connects
    // anew for the users waiting.
    void stream_ended();

    // The connection ends: open HTTP/2 streams end with `outcome` and `why`; users waiting for a connection
    // keep waiting (shutdown() tells them too).
    void close(outcome_kind outcome, const std::string& why);
    void shutdown();
    void expire(); // the connect or handshake deadline passed

    steady_clock::time_point deadline = no_deadline;

private:
    void connect();
    void on_connected();
    bool choose_protocol();
    void fail_waiting(outcome_kind outcome, const std::string& why);
    // Tells the users waiting now how their attempt went; one that asks again from its callback waits for the
    // next attempt.
    template <typename Fn>
    void tell_waiting(Fn tell) {
        for (link_user* user : users_) {
            user->notified = user->waiting;
        }
        for (link_user* user : users_) {
            if (user->notified) {
                user->notified = false;
                user->waiting = false;
                tell(*user);
            }
        }
    }
    void broken(outcome_kind outcome, const std::string& why);
    void reconnect_if_waiting();
    std::string tls_failure(const boost::system::error_code& ec) const;
    std::string transfer_error(const boost::system::error_code& ec, const char* stage) const;
    boost::asio::ip::tcp::socket& socket();
    std::int64_t micros_since(steady_clock::time_point t) const;

    connection_pool_context::impl& context_;
    std::vector<link_user*> users_;
    // A closed connection's socket stays alive (retired) until the next close: its aborted operations
    // still complete on it.
    std::unique_ptr<boost::asio::ip::tcp::socket> plain_, retired_plain_;
    std::unique_ptr<tls_stream> secure_, retired_secure_;
    bool connected_ = false;
    bool connecting_ = false;
    bool timed_out_ = false;
    bool speaks_h2_ = false;
    bool refused_protocol_ = false; // the server would not speak HTTP/2 where it was required
    bool timing_ = true;
    exchange_timings setup_; // connect and TLS of the last connection
    std::array<char, 16384> read_buffer_{};
    // HTTP/2: a closed session is retired, not destroyed, because a close may come from inside its own
    // callbacks (a stream's end closing the link).
    std::unique_ptr<h2_client_session> h2_, retired_h2_;
    std::string out_;
    bool writing_ = false;
    bool reading_ = false;
    bool consuming_ = false; // handing a read to the session: writes wait until it is done
    // Which connection a read, write or connect belongs to: one pending when its connection closed completes
    // later (aborted) and must not touch the next connection.
    std::uint64_t generation_ = 0;
};

} // namespace harness::http
