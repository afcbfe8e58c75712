#include "mock_server.hpp"

#include "h2_connection.hpp"
#include "request_handler.hpp"
#include "server_context.hpp"

#include <array>
#include <atomic>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace harness::mock {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using clock = std::chrono::steady_clock;

// One connection: owns its stream, buffer, parser and the reply being written (Beast's session shape).
template <typename Stream>
class session : public std::enable_shared_from_this<session<Stream>> {
public:
    session(Stream stream, shared_context& context)
        : stream_(std::move(stream)), context_(context), timer_(stream_.get_executor()) {}

    ~session() { context_.connections.fetch_sub(1, std::memory_order_relaxed); }

    void start() {
        if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
            sniff();
        } else {
            beast::get_lowest_layer(stream_).expires_after(context_.options.read_timeout);
            stream_.async_handshake(
                ssl::stream_base::server,
                beast::bind_front_handler(&session::on_handshake, this->shared_from_this()));
        }
    }

private:
    void on_handshake(beast::error_code ec) {
        if (ec) {
            return; // a failed handshake only ends this connection
        }
        if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
            const unsigned char* protocol = nullptr;
            unsigned int size = 0;
            SSL_get0_alpn_selected(stream_.native_handle(), &protocol, &size);
            if (std::string_view(reinterpret_cast<const char*>(protocol), size) == "h2") {
                return become_h2();
            }
        }
        do_read();
    }

    // Plain connections: HTTP/2 with prior knowledge starts with the client's preface; anything else is
    // HTTP/1.1, parsed from the bytes already read.
    void sniff() {
        beast::get_lowest_layer(stream_).expires_after(context_.options.read_timeout);
        stream_.async_read_some(
            buffer_.prepare(4096), [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                if (ec) {
                    return self->do_close();
                }
                self->buffer_.commit(n);
                const std::string_view seen(static_cast<const char*>(self->buffer_.data().data()),
                                            self->buffer_.size());
                const std::size_t compared = std::min(seen.size(), h2_client_preface.size());
                if (seen.substr(0, compared) != h2_client_preface.substr(0, compared)) {
                    return self->do_read();
                }
                if (seen.size() < h2_client_preface.size()) {
                    return self->sniff();
                }
                self->become_h2();
            });
    }

    // Hands the stream, and what was read of it, to an HTTP/2 connection; this session ends.
    void become_h2() {
        std::string already_read(static_cast<const char*>(buffer_.data().data()), buffer_.size());
        buffer_.consume(buffer_.size());
        std::make_shared<h2_connection<Stream>>(std::move(stream_), context_, std::move(already_read))
            ->start();
    }

    void do_read() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(context_.options.header_limit));
        parser_->body_limit(context_.state.profile().max_body_bytes);
        beast::get_lowest_layer(stream_).expires_after(context_.options.read_timeout);
        beast::http::async_read(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&session::on_read, this->shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == beast::http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::eof ||
            ec == net::error::connection_reset || ec == net::error::operation_aborted) {
            return do_close();
        }
        if (ec == beast::http::error::header_limit) {
            return refuse(
                beast::http::status::request_header_fields_too_large, "REQUEST_HEADER_FIELDS_TOO_LARGE",
                "Request headers exceed " + std::to_string(context_.options.header_limit) + " bytes");
        }
        if (ec == beast::http::error::body_limit) {
            const auto& reply =
                context_.state.profile().failure(harness::contract::failure_kind::payload_too_large);
            return refuse(static_cast<beast::http::status>(reply.status), reply.code,
                          "Request body exceeds " + std::to_string(context_.state.profile().max_body_bytes) +
                              " bytes");
        }
        if (ec.category() == beast::http::make_error_code(beast::http::error::bad_target).category()) {
            return refuse(beast::http::status::bad_request, "MALFORMED_REQUEST",
                          "Malformed HTTP request: " + ec.message());
        }
        if (ec) {
            return do_close();
        }
        read_done_ = clock::now();
        const mock_request request = parser_->release();
        mock_reply reply = handle(request, context_.state);
        response_ = std::move(reply.response);
        if (request.method() == beast::http::verb::head) {
            // RFC 9110 section 9.3.2: a reply to HEAD has the headers of the GET reply (Content-Length too)
            // and no body.
            response_.body().clear();
        }
        faults_ = reply.faults;
        if (faults_.delay.count() > 0) {
            timer_.expires_after(faults_.delay);
            timer_.async_wait(beast::bind_front_handler(&session::on_delay, this->shared_from_this()));
            return;
        }
        send();
    }

    void on_delay(beast::error_code ec) {
        if (ec) {
            return do_close();
        }
        send();
    }

    void refuse(beast::http::status status, std::string_view code, const std::string& message) {
        read_done_ = clock::now();
        linger_ = true;
        response_ = refused_request_reply(status, code, message, 11);
        faults_ = {};
        send();
    }

    void send() {
        switch (faults_.transport) {
        case transport_fault::reset:
            return reset();
        case transport_fault::hang:
            return hang();
        case transport_fault::garbage:
            static constexpr char garbage[] =
                "SSH-2.0-OpenSSH_9.2\r\n\x00\xff\xfe not an HTTP reply \x01\x02\r\n\r\n";
            wire_.assign(garbage, sizeof garbage - 1);
            wire_sent_ = 0;
            return write_raw_chunk();
        case transport_fault::broken_chunked:
            wire_ = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "zz\r\n{\"success\":true}\r\n0\r\n\r\n";
            wire_sent_ = 0;
            return write_raw_chunk();
        case transport_fault::goaway:
            response_.keep_alive(false); // HTTP/1.1's way of leaving: Connection: close, then close
            break;
        case transport_fault::huge_body:
            make_huge_body(response_, faults_.huge_body_bytes);
            break;
        case transport_fault::huge_headers:
            add_huge_headers(response_, faults_.huge_header_bytes);
            break;
        default:
            break;
        }
        serialize_reply();
        write_raw_chunk();
    }

    // Reads (and drops) whatever the client still sends and never answers, until the client gives up or the
    // server stops; the read timeout is lifted, since hanging is the point.
    void hang() {
        context_.state.metrics().record(0, clock::now() - read_done_);
        beast::get_lowest_layer(stream_).expires_after(std::chrono::hours(1));
        drain();
    }

    // An abortive close: SO_LINGER 0 makes the kernel send RST instead of FIN.
    void reset() {
        context_.state.metrics().record(0, clock::now() - read_done_);
        auto& socket = beast::get_lowest_layer(stream_).socket();
        beast::error_code ignored;
        socket.set_option(net::socket_base::linger(true, 0), ignored);
        socket.close(ignored);
    }

    // The reply as bytes on the wire, written into a buffer the session keeps (its capacity is reused, so a
    // steady connection allocates nothing here). One contiguous write is also cheaper than Beast's
    // serializer, and lets truncate and drip break the reply below the HTTP layer.
    void serialize_reply() {
        wire_.clear();
        wire_ += "HTTP/1.1 ";
        wire_ += std::to_string(response_.result_int());
        wire_ += ' ';
        wire_ += response_.reason();
        wire_ += "\r\n";
        for (const auto& field : response_) {
            wire_ += field.name_string();
            wire_ += ": ";
            wire_ += field.value();
            wire_ += "\r\n";
        }
        wire_ += "\r\n";
        const std::string& body = response_.body();
        wire_.append(body, 0, faults_.transport == transport_fault::truncate ? body.size() / 2 : body.size());
        wire_sent_ = 0;
    }

    void write_raw_chunk() {
        const bool drip = faults_.transport == transport_fault::drip;
        const std::size_t chunk = drip ? 1 : wire_.size() - wire_sent_;
        beast::get_lowest_layer(stream_).expires_after(context_.options.read_timeout);
        net::async_write(stream_, net::buffer(wire_.data() + wire_sent_, chunk),
                         beast::bind_front_handler(&session::on_wire_write, this->shared_from_this()));
    }

    void on_wire_write(beast::error_code ec, std::size_t written) {
        wire_sent_ += written;
        if (!ec && wire_sent_ < wire_.size()) {
            timer_.expires_after(faults_.drip_interval);
            timer_.async_wait([self = this->shared_from_this()](beast::error_code timer_ec) {
                if (timer_ec) {
                    return self->do_close();
                }
                self->write_raw_chunk();
            });
            return;
        }
        context_.state.metrics().record(response_.result_int(), clock::now() - read_done_);
        if (!ec && linger_) {
            return linger_then_close();
        }
        // A truncated reply must end the connection, or the client would wait for the missing bytes.
        if (ec || !response_.keep_alive() || faults_.transport == transport_fault::truncate ||
            faults_.transport == transport_fault::goaway || faults_.transport == transport_fault::garbage ||
            faults_.transport == transport_fault::broken_chunked) {
            return do_close();
        }
        do_read();
    }

    // After refusing a request whose body was not read (413, 431, malformed), closing at once would make the
    // kernel answer the unread bytes with RST, which can destroy the reply before the client reads it. So the
    // sending side is shut, and what the client still sends is read and dropped for a short while (as nginx's
    // lingering close does).
    void linger_then_close() {
        if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
            beast::error_code ignored;
            stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
            stream_.expires_after(std::chrono::seconds(2));
            drain();
        } else {
            do_close();
        }
    }

    void drain() {
        stream_.async_read_some(net::buffer(drain_buffer_),
                                [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (ec) {
                                        beast::error_code ignored;
                                        beast::get_lowest_layer(self->stream_).socket().close(ignored);
                                        return;
                                    }
                                    self->drain();
                                });
    }

    void do_close() {
        beast::error_code ignored;
        if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
            stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
            stream_.socket().close(ignored);
        } else {
            // The TLS close_notify gets a short deadline; a peer that is gone must not keep the session
            // alive.
            beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
            stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
                beast::error_code closing;
                beast::get_lowest_layer(self->stream_).socket().close(closing);
            });
        }
    }

    Stream stream_;
    shared_context& context_;
    net::steady_timer timer_;
    beast::flat_buffer buffer_;
    std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
    mock_response response_;
    fault_decision faults_;
    clock::time_point read_done_;
    std::string wire_;
    std::size_t wire_sent_ = 0;
    bool linger_ = false;
    std::array<char, 16384> drain_buffer_{};
};

} // namespace

// One event loop per thread, each with its own listening socket on the same port (SO_REUSEPORT): the kernel
// spreads connections over them and a connection's handlers never leave its thread — no strands, no shared
// queue between threads (nginx's workers with `reuseport` work the same way).
struct event_loop {
    net::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
};

using reuse_port = net::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// The server's ALPN choice from the client's list (length-prefixed names): h2 first, then http/1.1.
int select_protocol(SSL*, const unsigned char** out, unsigned char* out_size, const unsigned char* offered,
                    unsigned int offered_size, void*) {
    for (const std::string_view wanted : {std::string_view("h2"), std::string_view("http/1.1")}) {
        for (unsigned int at = 0; at < offered_size; at += 1U + offered[at]) {
            const std::string_view name(reinterpret_cast<const char*>(offered + at + 1), offered[at]);
            if (at + 1U + offered[at] <= offered_size && name == wanted) {
                *out = offered + at + 1;
                *out_size = offered[at];
                return SSL_TLSEXT_ERR_OK;
            }
        }
    }
    return SSL_TLSEXT_ERR_NOACK;
}

struct mock_server::impl {
    impl(server_options opts, mock_state& state) : options(std::move(opts)), context{state, options} {
        for (int i = 0; i < std::max(1, options.threads); ++i) {
            loops.push_back(std::make_unique<event_loop>());
        }
        signals.emplace(loops.front()->ioc);
    }

    void open() {
        if (!options.tls_cert_file.empty() || !options.tls_key_file.empty()) {
            if (options.tls_cert_file.empty() || options.tls_key_file.empty()) {
                throw std::runtime_error("--tls-cert and --tls-key go together");
            }
            tls.emplace(ssl::context::tls_server);
            tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                             ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
            // ALPN: h2 when the client offers it, else HTTP/1.1 (a client offering neither gets HTTP/1.1).
            SSL_CTX_set_alpn_select_cb(tls->native_handle(), &select_protocol, nullptr);
            beast::error_code ec;
            tls->use_certificate_chain_file(options.tls_cert_file, ec);
            if (ec) {
                throw std::runtime_error("cannot use TLS certificate " + options.tls_cert_file + ": " +
                                         ec.message());
            }
            tls->use_private_key_file(options.tls_key_file, ssl::context::pem, ec);
            if (ec) {
                throw std::runtime_error("cannot use TLS key " + options.tls_key_file + ": " + ec.message());
            }
            if (!options.tls_client_ca_file.empty()) {
                tls->load_verify_file(options.tls_client_ca_file, ec);
                if (ec) {
                    throw std::runtime_error("cannot use client CA " + options.tls_client_ca_file + ": " +
                                             ec.message());
                }
                tls->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
            }
        }
        try {
            tcp::endpoint endpoint(net::ip::make_address(options.bind), options.port);
            for (auto& loop : loops) {
                loop->acceptor.open(endpoint.protocol());
                loop->acceptor.set_option(net::socket_base::reuse_address(true));
                if (loops.size() > 1) {
                    loop->acceptor.set_option(reuse_port(true));
                }
                loop->acceptor.bind(endpoint);
                loop->acceptor.listen(net::socket_base::max_listen_connections);
                endpoint = loop->acceptor.local_endpoint(); // port 0: the others take the port the first got
            }
        } catch (const boost::system::system_error& e) {
            // Callers see the standard type, with the address in the message.
            throw std::system_error(e.code(),
                                    "listen on " + options.bind + ":" + std::to_string(options.port));
        }
        if (options.stop_on_signals) {
            signals->add(SIGINT);
            signals->add(SIGTERM);
            signals->async_wait([this](beast::error_code ec, int) {
                if (!ec) {
                    stop();
                }
            });
        }
        for (auto& loop : loops) {
            do_accept(*loop);
        }
    }

    void do_accept(event_loop& loop) {
        loop.acceptor.async_accept(loop.ioc.get_executor(),
                                   [this, &loop](beast::error_code ec, tcp::socket socket) {
                                       if (ec == net::error::operation_aborted || !loop.acceptor.is_open()) {
                                           return;
                                       }
                                       if (!ec) {
                                           on_accept(std::move(socket));
                                       }
                                       do_accept(loop);
                                   });
    }

    void on_accept(tcp::socket socket) {
        if (context.connections.fetch_add(1, std::memory_order_relaxed) >= options.max_connections) {
            context.connections.fetch_sub(1, std::memory_order_relaxed);
            beast::error_code ignored;
            socket.close(ignored); // over the cap: refused at once, everyone else keeps being served
            return;
        }
        socket.set_option(tcp::no_delay(true));
        if (tls) {
            std::make_shared<session<beast::ssl_stream<beast::tcp_stream>>>(
                beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), *tls), context)
                ->start();
        } else {
            std::make_shared<session<beast::tcp_stream>>(beast::tcp_stream(std::move(socket)), context)
                ->start();
        }
    }

    void stop() {
        for (auto& loop : loops) {
            net::post(loop->ioc, [&loop = *loop] {
                beast::error_code ignored;
                loop.acceptor.close(ignored);
            });
        }
        signals->cancel();
        for (auto& loop : loops) {
            loop->ioc.stop();
        }
    }

    const tcp::acceptor& first_acceptor() const { return loops.front()->acceptor; }

    server_options options;
    shared_context context;
    std::vector<std::unique_ptr<event_loop>> loops;
    std::optional<net::signal_set> signals;
    std::optional<ssl::context> tls;
    std::vector<std::thread> threads;
};

mock_server::mock_server(server_options options, mock_state& state)
    : impl_(std::make_unique<impl>(std::move(options), state)) {
    impl_->open();
}

mock_server::~mock_server() {
    stop();
    wait();
}

std::string mock_server::url() const {
    const tcp::endpoint endpoint = impl_->first_acceptor().local_endpoint();
    const std::string host = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                                        : endpoint.address().to_string();
    return std::string(impl_->tls ? "https://" : "http://") + host + ":" + std::to_string(endpoint.port());
}

unsigned short mock_server::port() const {
    return impl_->first_acceptor().local_endpoint().port();
}

void mock_server::start() {
    for (auto& loop : impl_->loops) {
        impl_->threads.emplace_back([&ioc = loop->ioc] { ioc.run(); });
    }
}

void mock_server::run() {
    for (std::size_t i = 1; i < impl_->loops.size(); ++i) {
        impl_->threads.emplace_back([&ioc = impl_->loops[i]->ioc] { ioc.run(); });
    }
    impl_->loops.front()->ioc.run();
    wait();
}

void mock_server::stop() {
    impl_->stop();
}

void mock_server::wait() {
    for (std::thread& t : impl_->threads) {
        if (t.joinable() && t.get_id() != std::this_thread::get_id()) {
            t.join();
        }
    }
    impl_->threads.clear();
}

std::size_t mock_server::open_connections() const {
    return impl_->context.connections.load(std::memory_order_relaxed);
}

} // namespace harness::mock
