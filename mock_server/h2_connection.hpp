#pragma once
// One HTTP/2 connection of the mock (h2 over TLS chosen by ALPN, or h2c with prior knowledge), for either
// stream type: reads into h2_server_session, answers each complete request with the same handle() as
// HTTP/1.1, and writes what the session produces, one write at a time. Transport faults map onto streams: a
// delay holds that stream's reply (others go on), a reset is RST_STREAM INTERNAL_ERROR, a hang never answers,
// and faults that break HTTP/1.1 framing (truncate, garbage, broken chunking, drip) reset the stream with
// PROTOCOL_ERROR. Only included by mock_server.cpp.

#include "h2_server_session.hpp"
#include "request_handler.hpp"
#include "server_context.hpp"

#include <array>
#include <chrono>
#include <memory>
#include <nghttp2/nghttp2.h>
#include <string>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>

namespace harness::mock {

template <typename Stream>
class h2_connection : public std::enable_shared_from_this<h2_connection<Stream>> {
public:
    using clock = std::chrono::steady_clock;

    // `already_read`: bytes read while telling the protocol apart (the client's preface), consumed first.
    h2_connection(Stream stream, shared_context& context, std::string already_read)
        : stream_(std::move(stream)), context_(context),
          session_(context.state.profile().max_body_bytes, stalled_window(context) ? 0U : 1U << 20),
          already_read_(std::move(already_read)) {
        context_.connections.fetch_add(1, std::memory_order_relaxed);
        context_.state.metrics().http2_connection_opened();
    }

    ~h2_connection() { context_.connections.fetch_sub(1, std::memory_order_relaxed); }

    void start() {
        if (!session_.consume(already_read_)) {
            return close();
        }
        answer_ready();
        flush();
        do_read();
    }

private:
    // The stall_window fault: a window of 0 for request bodies on this connection.
    static bool stalled_window(shared_context& context) {
        for (const fault_rule& rule : context.state.faults().rules()) {
            if (rule.kind == fault_kind::stall_window) {
                return true;
            }
        }
        return false;
    }

    void do_read() {
        boost::beast::get_lowest_layer(stream_).expires_after(context_.options.read_timeout);
        stream_.async_read_some(boost::asio::buffer(read_buffer_),
                                [self = this->shared_from_this()](boost::beast::error_code ec,
                                                                  std::size_t n) { self->on_read(ec, n); });
    }

    void on_read(boost::beast::error_code ec, std::size_t n) {
        if (ec) {
            return close();
        }
        if (!session_.consume(std::string_view(read_buffer_.data(), n))) {
            flush(); // the GOAWAY saying why
            closing_ = true;
            return;
        }
        answer_ready();
        flush();
        do_read();
    }

    void answer_ready() {
        for (h2_server_session::ready_request& ready : session_.take_ready()) {
            const auto started = clock::now();
            context_.state.metrics().http2_streams_in_flight(++in_flight_);
            if (ready.too_large) {
                const auto& reply =
                    context_.state.profile().failure(harness::contract::failure_kind::payload_too_large);
                respond(ready.stream_id,
                        refused_request_reply(static_cast<http::status>(reply.status), reply.code,
                                              "Request body exceeds " +
                                                  std::to_string(context_.state.profile().max_body_bytes) +
                                                  " bytes",
                                              11),
                        false, started);
                continue;
            }
            const bool head = ready.request.method() == http::verb::head;
            mock_reply reply = handle(ready.request, context_.state);
            switch (reply.faults.transport) {
            case transport_fault::reset:
                session_.reset_stream(ready.stream_id, NGHTTP2_INTERNAL_ERROR);
                context_.state.metrics().record(0, clock::now() - started);
                --in_flight_;
                continue;
            case transport_fault::hang:
                continue;
            case transport_fault::truncate:
            case transport_fault::garbage:
            case transport_fault::broken_chunked:
            case transport_fault::drip:
                session_.reset_stream(ready.stream_id, NGHTTP2_PROTOCOL_ERROR);
                context_.state.metrics().record(0, clock::now() - started);
                --in_flight_;
                continue;
            case transport_fault::huge_body:
                make_huge_body(reply.response, reply.faults.huge_body_bytes);
                break;
            case transport_fault::huge_headers:
                add_huge_headers(reply.response, reply.faults.huge_header_bytes);
                break;
            default:
                break;
            }
            if (reply.faults.delay.count() > 0) {
                auto timer =
                    std::make_shared<boost::asio::steady_timer>(stream_.get_executor(), reply.faults.delay);
                timer->async_wait([self = this->shared_from_this(), timer, id = ready.stream_id,
                                   response = std::move(reply.response), head,
                                   started](boost::beast::error_code ec) mutable {
                    if (!ec) {
                        self->respond(id, std::move(response), head, started);
                        self->flush();
                    }
                });
                continue;
            }
            respond(ready.stream_id, std::move(reply.response), head, started);
            if (reply.faults.transport == transport_fault::goaway) {
                // A deploy draining the server: this stream is the last it answers; later ones are cancelled.
                session_.goaway(NGHTTP2_NO_ERROR, ready.stream_id);
                closing_ = true;
            }
        }
    }

    void respond(std::int32_t stream_id, mock_response response, bool head, clock::time_point started) {
        --in_flight_;
        context_.state.metrics().record(response.result_int(), clock::now() - started);
        session_.respond(stream_id, std::move(response), head);
    }

    // Writes what the session has to say; one write at a time, the next when it completes.
    void flush() {
        if (writing_) {
            return;
        }
        out_.clear();
        if (!session_.produce(out_) || (out_.empty() && (closing_ || session_.finished()))) {
            return close();
        }
        if (out_.empty()) {
            return;
        }
        writing_ = true;
        boost::asio::async_write(stream_, boost::asio::buffer(out_),
                                 [self = this->shared_from_this()](boost::beast::error_code ec, std::size_t) {
                                     self->writing_ = false;
                                     if (ec) {
                                         return self->close();
                                     }
                                     self->flush();
                                 });
    }

    void close() {
        boost::beast::error_code ignored;
        boost::beast::get_lowest_layer(stream_).socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both,
                                                                  ignored);
        boost::beast::get_lowest_layer(stream_).socket().close(ignored);
    }

    Stream stream_;
    shared_context& context_;
    h2_server_session session_;
    std::string already_read_;
    std::array<char, 16384> read_buffer_{};
    std::string out_;
    bool writing_ = false;
    bool closing_ = false;
    std::uint64_t in_flight_ = 0; // requests read and not yet answered (held by a delay, or hung)
};

} // namespace harness::mock
