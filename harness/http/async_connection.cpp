#include "async_connection.hpp"

#include "h2_client_session.hpp"
#include "request_bytes.hpp"

#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/x509.h>

namespace harness::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

struct connection_pool_context::impl {
    net::io_context& ioc;
    target_url target;
    client_options options;
    tcp::resolver::results_type endpoints;
    std::optional<ssl::context> tls;
    // Timeouts: one timer sweeps every connection's deadline every few milliseconds, while any is armed
    // (wrk2 checks timeouts the same way), instead of a timer operation per socket operation.
    std::vector<async_connection::impl*> members;
    std::optional<net::steady_timer> sweeper;
    bool sweeping = false;

    void ensure_sweeping();
    void sweep();
};

connection_pool_context::connection_pool_context(net::io_context& ioc, target_url target,
                                                 client_options options)
    : impl_(std::make_unique<impl>(
          impl{ioc, std::move(target), std::move(options), {}, std::nullopt, {}, std::nullopt, false})) {
    impl_->sweeper.emplace(ioc);
    beast::error_code ec;
    if (impl_->target.tls) {
        auto& tls = impl_->tls.emplace(ssl::context::tls_client);
        const tls_settings& s = impl_->options.tls;
        if (s.ca_file.empty()) {
            tls.set_default_verify_paths(ec);
        } else {
            tls.load_verify_file(s.ca_file, ec);
        }
        if (ec) {
            throw std::runtime_error(s.ca_file.empty()
                                         ? "cannot load the system's CA certificates: " + ec.message()
                                         : "cannot read CA file " + s.ca_file + ": " + ec.message());
        }
        if (!s.client_cert_file.empty()) {
            tls.use_certificate_chain_file(s.client_cert_file, ec);
            if (ec) {
                throw std::runtime_error("cannot use client certificate " + s.client_cert_file + ": " +
                                         ec.message());
            }
            tls.use_private_key_file(s.client_key_file, ssl::context::pem, ec);
            if (ec) {
                throw std::runtime_error("cannot use client key " + s.client_key_file + ": " + ec.message());
            }
        }
        tls.set_verify_mode(s.insecure ? ssl::verify_none : ssl::verify_peer);
        // ALPN: what this client offers (length-prefixed names).
        static constexpr unsigned char both[] = "\x02h2\x08http/1.1";
        static constexpr unsigned char h2_only[] = "\x02h2";
        static constexpr unsigned char http1_only[] = "\x08http/1.1";
        const http_version wanted = impl_->options.http;
        const unsigned char* offer = wanted == http_version::automatic ? both
                                     : wanted == http_version::http2   ? h2_only
                                                                       : http1_only;
        const std::size_t offer_size = wanted == http_version::automatic ? sizeof both - 1
                                       : wanted == http_version::http2   ? sizeof h2_only - 1
                                                                         : sizeof http1_only - 1;
        SSL_CTX_set_alpn_protos(tls.native_handle(), offer, static_cast<unsigned int>(offer_size));
    }
    // TLS files are checked first: a bad CA file is a setup error whether or not the host resolves.
    tcp::resolver resolver(ioc);
    impl_->endpoints = resolver.resolve(impl_->target.host, std::to_string(impl_->target.port), ec);
    if (ec) {
        throw std::runtime_error("cannot resolve " + impl_->target.host + ": " + ec.message());
    }
}

connection_pool_context::~connection_pool_context() = default;

struct async_connection::impl final : h2_stream_sink {
    using steady = std::chrono::steady_clock;

    connection_pool_context::impl& context;
    listener& owner;
    async_connection& self;
    std::optional<tcp::socket> plain;
    std::optional<ssl::stream<tcp::socket>> secure;
    bool is_connected = false;
    std::string_view pending;
    std::vector<char> body;
    response_scanner scanner;
    std::array<char, 16384> read_buffer{};
    // The exchange's deadline, enforced by the pool's sweeper (one timer for all connections, not one per
    // operation); `timed_out` tells the failing operation why it was cancelled.
    steady::time_point deadline = steady::time_point::max();
    bool timed_out = false;
    // Only filled for exchanges that are reported; the load generator turns the clock reads off.
    exchange_timings timings;
    std::string error;
    bool reused = false;
    bool write_failed_early = false;
    bool opening = false; // connecting for open(): report to on_open, not on_response
    steady::time_point started;
    steady::time_point write_started;
    bool first_byte_seen = false;
    bool timing = true;
    // HTTP/2: the session while connected over h2; a closed one is retired, not destroyed, because a close
    // may come from inside its own callbacks (a listener closing on a reply).
    std::unique_ptr<h2_client_session> h2;
    std::unique_ptr<h2_client_session> retired_h2;
    std::string h2_out;
    bool h2_writing = false;
    bool h2_reading = false;
    bool awaiting = false; // a request is on its way (its stream not ended)
    request_view h2_request;
    bool speaks_h2 = false; // the last connection chose HTTP/2
    // Which connection an HTTP/2 read or write belongs to: one still pending when its connection was closed
    // completes later (aborted) and must not touch the next connection.
    std::uint64_t generation = 0;

    impl(connection_pool_context::impl& c, listener& l, async_connection& s, std::size_t max_body)
        : context(c), owner(l), self(s), body(max_body), scanner(body.data(), body.size()) {
        context.members.push_back(this);
    }

    ~impl() { std::erase(context.members, this); }

    tcp::socket& socket() { return secure ? secure->next_layer() : *plain; }

    std::int64_t micros_since(steady::time_point t) const {
        return timing ? std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - t).count() : 0;
    }

    steady::time_point now() const { return timing ? steady::now() : steady::time_point{}; }

    void arm(std::chrono::milliseconds limit) {
        deadline = steady::now() + limit;
        timed_out = false;
        context.ensure_sweeping();
    }

    void expire() {
        timed_out = true;
        deadline = steady::time_point::max();
        beast::error_code ignored;
        socket().close(ignored); // pending operations complete with operation_aborted
    }

    void fail(outcome_kind outcome, std::string why) {
        close();
        error = std::move(why);
        timings.total_us = micros_since(started);
        if (opening) {
            opening = false;
            return owner.on_open(self, outcome);
        }
        owner.on_response(self, outcome, scanner);
    }

    // Connected: choose the protocol, then send what is pending, or tell open()'s caller.
    void on_connected() {
        if (!choose_protocol()) {
            return;
        }
        is_connected = true;
        if (opening) {
            opening = false;
            deadline = steady::time_point::max();
            return owner.on_open(self, outcome_kind::ok);
        }
        write();
    }

    // HTTP/2 when ALPN chose h2, or when asked for over plain TCP (h2c with prior knowledge); a server that
    // will not speak h2 when it is required is a failed set-up (like a refused certificate), not a reply.
    bool choose_protocol() {
        bool use_h2 = false;
        if (secure) {
            const unsigned char* chosen = nullptr;
            unsigned int size = 0;
            SSL_get0_alpn_selected(secure->native_handle(), &chosen, &size);
            const std::string_view alpn(reinterpret_cast<const char*>(chosen), size);
            use_h2 = alpn == "h2";
            if (!use_h2 && context.options.http == http_version::http2) {
                fail(outcome_kind::tls,
                     "the server at " + context.target.authority() + " did not choose HTTP/2 by ALPN (" +
                         (alpn.empty() ? std::string("it chose nothing") : "it chose " + std::string(alpn)) +
                         "): it does not speak h2 here; use --http auto or 1.1");
                return false;
            }
        } else {
            use_h2 = context.options.http == http_version::http2;
        }
        speaks_h2 = use_h2;
        if (use_h2) {
            retired_h2.reset();
            h2 = std::make_unique<h2_client_session>(secure ? "https" : "http", context.target.authority());
            h2_writing = false;
            h2_reading = false;
        }
        return true;
    }

    std::string transfer_error(const beast::error_code& ec, const char* stage) const {
        return std::string(stage) + ": " +
               (timed_out ? "no complete response within " +
                                std::to_string(context.options.response_timeout.count()) + " ms"
                          : ec.message());
    }

    // Why a handshake failed, in words a user can act on ("certificate verify failed: self-signed
    // certificate").
    std::string tls_failure(const beast::error_code& ec) {
        std::string reason = timed_out ? std::string("timed out") : ec.message();
        const long verify = SSL_get_verify_result(secure->native_handle());
        if (verify != X509_V_OK) {
            reason += ": " + std::string(X509_verify_cert_error_string(verify));
        }
        return "TLS handshake with " + context.target.authority() + " failed: " + reason;
    }

    void connect() {
        if (context.tls) {
            secure.emplace(context.ioc, *context.tls);
            beast::error_code not_an_address;
            net::ip::make_address(context.target.host, not_an_address);
            if (not_an_address) {
                SSL_set_tlsext_host_name(secure->native_handle(), context.target.host.c_str());
            }
            if (!context.options.tls.insecure) {
                secure->set_verify_callback(ssl::host_name_verification(context.target.host));
            }
        } else {
            plain.emplace(context.ioc);
        }
        arm(context.options.connect_timeout);
        const auto connect_started = now();
        net::async_connect(
            socket(), context.endpoints, [this, connect_started](beast::error_code ec, const tcp::endpoint&) {
                timings.connect_us = micros_since(connect_started);
                if (ec) {
                    return fail(outcome_kind::connect,
                                "cannot connect to " + context.target.authority() + ": " +
                                    (timed_out ? std::string("timed out") : ec.message()));
                }
                beast::error_code ignored;
                socket().set_option(tcp::no_delay(true), ignored);
                if (!secure) {
                    return on_connected();
                }
                const auto handshake_started = now();
                arm(context.options.connect_timeout);
                secure->async_handshake(ssl::stream_base::client,
                                        [this, handshake_started](beast::error_code handshake_ec) {
                                            timings.tls_us = micros_since(handshake_started);
                                            if (handshake_ec) {
                                                return fail(outcome_kind::tls, tls_failure(handshake_ec));
                                            }
                                            on_connected();
                                        });
            });
    }

    template <typename Fn>
    void on_stream(Fn fn) {
        if (secure) {
            fn(*secure);
        } else {
            fn(*plain);
        }
    }

    void write() {
        scanner.reset();
        write_failed_early = false;
        first_byte_seen = false;
        write_started = now();
        arm(context.options.response_timeout);
        if (h2) {
            return h2_send();
        }
        on_stream([this](auto& stream) {
            net::async_write(stream, net::buffer(pending.data(), pending.size()),
                             [this](beast::error_code ec, std::size_t) {
                                 // A server may answer before reading the whole body (413 for an oversize
                                 // one) and stop reading: the write fails, but its reply is there to be read.
                                 if (!timed_out &&
                                     (ec == net::error::broken_pipe || ec == net::error::connection_reset)) {
                                     write_failed_early = true;
                                 } else if (ec) {
                                     return fail(timed_out ? outcome_kind::timeout : outcome_kind::reset,
                                                 transfer_error(ec, "sending the request"));
                                 }
                                 read();
                             });
        });
    }

    void read() {
        on_stream([this](auto& stream) {
            stream.async_read_some(net::buffer(read_buffer), [this](beast::error_code ec, std::size_t n) {
                if (ec) {
                    return fail(timed_out ? outcome_kind::timeout : outcome_kind::reset,
                                transfer_error(ec, write_failed_early
                                                       ? "sending the request (the server stopped reading)"
                                                       : "reading the response"));
                }
                if (!first_byte_seen) {
                    first_byte_seen = true;
                    timings.first_byte_us = micros_since(write_started);
                }
                response_scanner::state state = response_scanner::state::incomplete;
                scanner.feed(std::string_view(read_buffer.data(), n), state);
                switch (state) {
                case response_scanner::state::incomplete:
                    return read();
                case response_scanner::state::error:
                    return fail(outcome_kind::protocol,
                                std::string("reading the response: ") + scanner.error());
                case response_scanner::state::too_large:
                    return fail(outcome_kind::too_large, "reading the response: larger than " +
                                                             std::to_string(body.size()) + " bytes");
                case response_scanner::state::complete:
                    deadline = steady::time_point::max();
                    if (!scanner.keep_alive()) {
                        close();
                    }
                    timings.total_us = micros_since(started);
                    owner.on_response(self, outcome_kind::ok, scanner);
                }
            });
        });
    }

    // --- HTTP/2: one stream per send, on this connection's own session ---

    void h2_send() {
        if (!h2_request.parse(pending)) {
            return fail(outcome_kind::protocol,
                        "the request's bytes are not an HTTP/1.1 request to send as HTTP/2");
        }
        if (h2->submit(h2_request, *this) == 0) {
            return fail(outcome_kind::reset, h2->error());
        }
        awaiting = true;
        h2_flush();
        h2_read();
    }

    void on_h2_header(std::string_view name, std::string_view value) override {
        if (!first_byte_seen) {
            first_byte_seen = true;
            timings.first_byte_us = micros_since(write_started);
        }
        scanner.h2_header(name, value);
    }

    bool on_h2_data(std::string_view data) override { return scanner.h2_data(data); }

    void on_h2_end(outcome_kind outcome, std::string_view why) override {
        if (!awaiting) {
            return;
        }
        awaiting = false;
        if (outcome != outcome_kind::ok) {
            // The stream failed; the connection goes on unless the server is leaving (GOAWAY) or it broke.
            const std::string words(why);
            if (h2 && h2->goaway_received()) {
                close();
            }
            error = words;
            timings.total_us = micros_since(started);
            deadline = steady::time_point::max();
            return owner.on_response(self, outcome, scanner);
        }
        deadline = steady::time_point::max();
        timings.total_us = micros_since(started);
        if (h2 && h2->goaway_received()) {
            close(); // no new streams here: the next send connects anew
        }
        owner.on_response(self, outcome_kind::ok, scanner);
    }

    void h2_flush() {
        if (!h2 || h2_writing) {
            return;
        }
        h2_out.clear();
        if (!h2->produce(h2_out)) {
            return h2_broken(outcome_kind::protocol, h2->error());
        }
        if (h2_out.empty()) {
            return;
        }
        h2_writing = true;
        on_stream([this](auto& stream) {
            net::async_write(stream, net::buffer(h2_out),
                             [this, gen = generation](beast::error_code ec, std::size_t) {
                                 if (gen != generation) {
                                     return; // a closed connection's write
                                 }
                                 h2_writing = false;
                                 if (ec) {
                                     return h2_broken(timed_out ? outcome_kind::timeout : outcome_kind::reset,
                                                      transfer_error(ec, "sending the request"));
                                 }
                                 h2_flush();
                             });
        });
    }

    // The connection reads all the time it is up: replies, SETTINGS, PINGs and GOAWAY arrive when they will.
    void h2_read() {
        if (!h2 || h2_reading) {
            return;
        }
        h2_reading = true;
        on_stream([this](auto& stream) {
            stream.async_read_some(
                net::buffer(read_buffer), [this, gen = generation](beast::error_code ec, std::size_t n) {
                    if (gen != generation) {
                        return; // a closed connection's read
                    }
                    h2_reading = false;
                    if (!h2) {
                        return;
                    }
                    if (ec) {
                        return h2_broken(timed_out ? outcome_kind::timeout : outcome_kind::reset,
                                         transfer_error(ec, "reading the response"));
                    }
                    if (!h2->consume(std::string_view(read_buffer.data(), n))) {
                        h2_flush(); // its GOAWAY says why, if the socket still takes it
                        return h2_broken(outcome_kind::protocol, h2 ? h2->error() : std::string());
                    }
                    h2_flush();
                    h2_read();
                });
        });
    }

    // The connection is gone or broken: the stream waiting on it (if any) ends with `outcome`.
    void h2_broken(outcome_kind outcome, const std::string& why) {
        const bool was_awaiting = awaiting;
        close();
        if (was_awaiting) {
            awaiting = false;
            error = why;
            timings.total_us = micros_since(started);
            owner.on_response(self, outcome, scanner);
        }
    }

    void close() {
        deadline = steady::time_point::max();
        if (h2) {
            retired_h2 = std::move(h2);
        }
        ++generation;
        h2_reading = false;
        h2_writing = false;
        awaiting = false;
        beast::error_code ignored;
        if (plain) {
            plain->close(ignored);
        }
        if (secure) {
            secure->next_layer().close(ignored);
        }
        is_connected = false;
    }
};

void connection_pool_context::impl::ensure_sweeping() {
    if (sweeping) {
        return;
    }
    sweeping = true;
    sweeper->expires_after(std::chrono::milliseconds(5));
    sweeper->async_wait([this](beast::error_code ec) {
        sweeping = false;
        if (!ec) {
            sweep();
        }
    });
}

void connection_pool_context::impl::sweep() {
    const auto now = std::chrono::steady_clock::now();
    bool armed = false;
    for (async_connection::impl* member : members) {
        if (member->deadline <= now) {
            member->expire();
        } else if (member->deadline != std::chrono::steady_clock::time_point::max()) {
            armed = true;
        }
    }
    if (armed) {
        ensure_sweeping();
    }
}

async_connection::async_connection(connection_pool_context& context, listener& owner,
                                   std::size_t max_body_bytes)
    : impl_(std::make_unique<impl>(context.get(), owner, *this, max_body_bytes)) {}

async_connection::~async_connection() {
    impl_->close();
}

void async_connection::send(std::string_view request) {
    impl_->pending = request;
    impl_->started = impl_->now();
    impl_->timings = {};
    impl_->error.clear();
    impl_->reused = impl_->is_connected;
    if (impl_->is_connected) {
        impl_->write();
    } else {
        impl_->connect();
    }
}

void async_connection::open() {
    impl_->error.clear();
    impl_->opening = true;
    impl_->connect();
}

void async_connection::close() {
    impl_->close();
}

bool async_connection::connected() const noexcept {
    return impl_->is_connected;
}

void async_connection::collect_timings(bool on) noexcept {
    impl_->timing = on;
}

const exchange_timings& async_connection::timings() const noexcept {
    return impl_->timings;
}

const std::string& async_connection::error() const noexcept {
    return impl_->error;
}

bool async_connection::reused() const noexcept {
    return impl_->reused;
}

bool async_connection::http2() const noexcept {
    return impl_->speaks_h2;
}

response_scanner& async_connection::scanner() noexcept {
    return impl_->scanner;
}

} // namespace harness::http
