#pragma once
// TLS on a TCP socket, driven straight through OpenSSL (SSL on the socket's descriptor, non-blocking, the
// reactor only waiting for readiness): what a connection_link reads and writes over https. Asio's ssl::stream
// copies every byte through a memory BIO pair and clears OpenSSL's error queue on each operation; at tens of
// thousands of HTTP/2 requests a second on one core that was a third more CPU per request than h2load, which
// drives OpenSSL on the socket the same way as this. Certificates, ALPN and client keys come from the
// ssl::context (the pool's). Meets Asio's AsyncReadStream and AsyncWriteStream requirements, so async_write
// and the HTTP/1.1 exchange use it as they use a socket; completions never run inside the initiating call.

#include <cstddef>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>

namespace harness::http {

class tls_stream {
public:
    using executor_type = boost::asio::any_io_executor;
    using error_code = boost::system::error_code;

    // `server_name`: sent as SNI when it is not an IP address, and checked against the certificate unless
    // `verify_name` is false (--insecure).
    tls_stream(boost::asio::io_context& ioc, boost::asio::ssl::context& context,
               const std::string& server_name, bool verify_name);
    ~tls_stream();
    tls_stream(const tls_stream&) = delete;
    tls_stream& operator=(const tls_stream&) = delete;

    boost::asio::ip::tcp::socket& next_layer() noexcept { return socket_; }
    SSL* native_handle() noexcept { return ssl_; }
    executor_type get_executor() noexcept { return socket_.get_executor(); }

    // After the TCP connect: the client handshake. handler(error_code).
    template <typename Handler>
    void async_handshake(Handler&& handler) {
        prepare_socket();
        step(operation::handshake, nullptr, 0, std::forward<Handler>(handler), true);
    }

    // handler(error_code, bytes): some decrypted bytes into the first buffer of `buffers`.
    template <typename MutableBuffers, typename Handler>
    void async_read_some(const MutableBuffers& buffers, Handler&& handler) {
        const boost::asio::mutable_buffer b = *boost::asio::buffer_sequence_begin(buffers);
        step(operation::read, b.data(), b.size(), std::forward<Handler>(handler), true);
    }

    // handler(error_code, bytes): some of the first buffer of `buffers`, encrypted and written.
    template <typename ConstBuffers, typename Handler>
    void async_write_some(const ConstBuffers& buffers, Handler&& handler) {
        const boost::asio::const_buffer b = *boost::asio::buffer_sequence_begin(buffers);
        step(operation::write, const_cast<void*>(b.data()), b.size(), std::forward<Handler>(handler), true);
    }

    // Decrypted bytes from what was already read from the socket, without waiting or reading it again; 0 when
    // nothing is buffered (or on an error, which the next async_read_some reports).
    std::size_t read_buffered(void* data, std::size_t size);

private:
    enum class operation { handshake, read, write };
    enum class want { nothing, read, write };

    // One attempt at `op`: the bytes done, or what to wait for, or the error (ec) that ends it.
    std::size_t attempt(operation op, void* data, std::size_t size, want& wait, error_code& ec);
    void prepare_socket();

    template <typename Handler>
    void step(operation op, void* data, std::size_t size, Handler&& handler, bool initiating) {
        want wait = want::nothing;
        error_code ec;
        const std::size_t done = attempt(op, data, size, wait, ec);
        if (wait == want::nothing) {
            if (initiating) {
                return boost::asio::post(socket_.get_executor(), [h = std::move(handler), ec,
                                                                  done]() mutable { finish(h, ec, done); });
            }
            return finish(handler, ec, done);
        }
        socket_.async_wait(wait == want::read ? boost::asio::ip::tcp::socket::wait_read
                                              : boost::asio::ip::tcp::socket::wait_write,
                           [this, op, data, size, h = std::move(handler)](error_code wait_ec) mutable {
                               if (wait_ec) {
                                   return finish(h, wait_ec, 0);
                               }
                               step(op, data, size, std::move(h), false);
                           });
    }

    template <typename Handler>
    static void finish(Handler& handler, const error_code& ec, std::size_t done) {
        if constexpr (std::is_invocable_v<Handler&, error_code, std::size_t>) {
            handler(ec, done);
        } else {
            handler(ec);
        }
    }

    boost::asio::ip::tcp::socket socket_;
    SSL* ssl_ = nullptr;
};

} // namespace harness::http
