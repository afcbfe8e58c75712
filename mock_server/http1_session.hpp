#pragma once
// One HTTP/1.1 connection of the mock, plain or TLS (Beast's session shape): it tells HTTP/2 apart first (the
// client's preface on a plain port, ALPN over TLS) and hands such a connection to h2_connection; otherwise it
// reads requests, answers each with handle(), and applies the transport faults below the HTTP layer (reset,
// hang, garbage, broken chunking, truncate, drip, huge headers and bodies). Only included by mock_server.cpp.

#include "connection_deadline.hpp"
#include "h2_connection.hpp"
#include "request_handler.hpp"
#include "server_context.hpp"

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace harness::mock::http1 {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using clock = std::chrono::steady_clock;

// A plain connection's stream: Beast's tcp_stream, but bound to the io_context's own executor type rather
// than the type-erased any_io_executor, whose copies and destruction ran in every handler of every request.
using plain_stream = beast::basic_stream<tcp, net::io_context::executor_type>;
using tls_stream = beast::ssl_stream<plain_stream>;
// The socket an acceptor hands over for such a stream.
using plain_socket = net::basic_stream_socket<tcp, net::io_context::executor_type>;

template <typename Stream>
constexpr bool is_plain = std::is_same_v<Stream, plain_stream>;

// One connection: owns its stream, buffer, parser and the reply being written (Beast's session shape).
template <typename Stream>
class session : public std::enable_shared_from_this<session<Stream>> {
public:
    session(Stream stream, shared_context& context)
        : stream_(std::move(stream)), context_(context), timer_(stream_.get_executor()),
          deadline_(stream_.get_executor()) {}

    ~session() { context_.connections.fetch_sub(1, std::memory_order_relaxed); }

    void start() {
        deadline_.set(clock::now() + context_.options.read_timeout);
        deadline_.watch(this->shared_from_this(), [this] { time_out(); });
        if constexpr (is_plain<Stream>) {
            sniff();
        } else {
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
        if constexpr (!is_plain<Stream>) {
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
        deadline_.stop(); // the HTTP/2 connection keeps its own time
        std::string already_read(static_cast<const char*>(buffer_.data().data()), buffer_.size());
        buffer_.consume(buffer_.size());
        std::make_shared<h2_connection<Stream>>(std::move(stream_), context_, std::move(already_read))
            ->start();
    }

    void do_read() {
        // The new request's body string takes over the last one's capacity: one allocation less per request.
        parser_.emplace(std::piecewise_construct, std::make_tuple(std::move(spare_body_)));
        parser_->header_limit(static_cast<std::uint32_t>(context_.options.header_limit));
        parser_->body_limit(context_.state.profile().max_body_bytes);
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
        mock_request request = parser_->release();
        mock_reply reply = handle(request, context_.state);
        spare_body_ = std::move(request.body());
        spare_body_.clear();
        response_ = std::move(reply.response);
        if (request.method() == beast::http::verb::head) {
            // RFC 9110 section 9.3.2: a reply to HEAD has the headers of the GET reply (Content-Length too)
            // and no body.
            response_.body().clear();
        }
        faults_ = reply.faults;
        // The reply must be written within the read timeout once its delay (if any) is over.
        deadline_.set(read_done_ + faults_.delay + context_.options.read_timeout);
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
        deadline_.set(read_done_ + context_.options.read_timeout);
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
        deadline_.set(read_done_ + std::chrono::hours(1));
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
        if (drip) {
            deadline_.set(clock::now() + context_.options.read_timeout); // each byte has the whole time
        }
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
        const clock::time_point written_at = clock::now();
        context_.state.metrics().record(response_.result_int(), written_at - read_done_);
        // The next request (or keep-alive idleness) has the read timeout from here.
        deadline_.set(written_at + context_.options.read_timeout);
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
        if constexpr (is_plain<Stream>) {
            beast::error_code ignored;
            stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
            deadline_.set(clock::now() + std::chrono::seconds(2));
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
        if constexpr (is_plain<Stream>) {
            deadline_.stop();
            stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
            stream_.socket().close(ignored);
        } else {
            // The TLS close_notify gets a short deadline; a peer that is gone must not keep the session
            // alive.
            deadline_.set(clock::now() + std::chrono::seconds(2));
            stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
                beast::error_code closing;
                beast::get_lowest_layer(self->stream_).socket().close(closing);
            });
        }
    }

    // The deadline passed: closing the socket ends whatever is pending (it completes as aborted, which ends
    // the session), as Beast's stream timeouts did.
    void time_out() {
        beast::error_code ignored;
        beast::get_lowest_layer(stream_).socket().close(ignored);
        timer_.cancel();
    }

    Stream stream_;
    shared_context& context_;
    net::steady_timer timer_; // a fault's delay, a drip's pace
    connection_deadline deadline_;
    beast::flat_buffer buffer_;
    std::optional<beast::http::request_parser<beast::http::string_body, field_allocator<char>>> parser_;
    mock_response response_;
    std::string spare_body_;
    fault_decision faults_;
    clock::time_point read_done_;
    std::string wire_;
    std::size_t wire_sent_ = 0;
    bool linger_ = false;
    std::array<char, 16384> drain_buffer_{};
};

} // namespace harness::mock::http1
