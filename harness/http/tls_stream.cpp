#include "tls_stream.hpp"

#include <climits>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace harness::http {

namespace net = boost::asio;

tls_stream::tls_stream(net::io_context& ioc, net::ssl::context& context, const std::string& server_name,
                       bool verify_name)
    : socket_(ioc), ssl_(SSL_new(context.native_handle())) {
    if (ssl_ == nullptr) {
        throw std::runtime_error("cannot create a TLS session (out of memory)");
    }
    SSL_set_connect_state(ssl_);
    // Writes may complete in part, and a retried write may come from a buffer that moved (async_write
    // advances through its buffers).
    SSL_set_mode(ssl_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // Read what the socket has, not a record header and then its body: one read(2) for several records.
    SSL_set_read_ahead(ssl_, 1);
    boost::system::error_code not_an_address;
    net::ip::make_address(server_name, not_an_address);
    if (not_an_address) {
        SSL_set_tlsext_host_name(ssl_, server_name.c_str());
    }
    if (verify_name) {
        X509_VERIFY_PARAM* param = SSL_get0_param(ssl_);
        if (not_an_address) {
            X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            X509_VERIFY_PARAM_set1_host(param, server_name.c_str(), server_name.size());
        } else {
            X509_VERIFY_PARAM_set1_ip_asc(param, server_name.c_str());
        }
    }
}

tls_stream::~tls_stream() {
    SSL_free(ssl_);
}

void tls_stream::prepare_socket() {
    boost::system::error_code ignored;
    socket_.non_blocking(true, ignored);
    SSL_set_fd(ssl_, static_cast<int>(socket_.native_handle()));
}

std::size_t tls_stream::read_buffered(void* data, std::size_t size) {
    if (SSL_has_pending(ssl_) == 0) {
        return 0;
    }
    want wait = want::nothing;
    error_code ec;
    return attempt(operation::read, data, size, wait, ec);
}

std::size_t tls_stream::attempt(operation op, void* data, std::size_t size, want& wait, error_code& ec) {
    wait = want::nothing;
    const int limit = static_cast<int>(std::min<std::size_t>(size, INT_MAX));
    int result = 0;
    switch (op) {
    case operation::handshake:
        result = SSL_do_handshake(ssl_);
        break;
    case operation::read:
        if (size == 0) {
            return 0;
        }
        result = SSL_read(ssl_, data, limit);
        break;
    case operation::write:
        if (size == 0) {
            return 0;
        }
        result = SSL_write(ssl_, data, limit);
        break;
    }
    if (result > 0) {
        return op == operation::handshake ? 0 : static_cast<std::size_t>(result);
    }
    const int error = SSL_get_error(ssl_, result);
    switch (error) {
    case SSL_ERROR_WANT_READ:
        wait = want::read;
        return 0;
    case SSL_ERROR_WANT_WRITE:
        wait = want::write;
        return 0;
    case SSL_ERROR_ZERO_RETURN:
        ec = net::error::eof; // the peer's close_notify
        break;
    case SSL_ERROR_SYSCALL:
        // Without close_notify: a reset, or the peer just closed (errno 0).
        ec = errno != 0 ? error_code(errno, boost::system::system_category())
                        : error_code(net::ssl::error::stream_truncated);
        break;
    default: {
        // OpenSSL's reason, in the same category (and words) as Asio's TLS errors.
        const unsigned long reason = ERR_peek_last_error();
        ec = error_code(static_cast<int>(reason), net::error::get_ssl_category());
        break;
    }
    }
    ERR_clear_error(); // the queue stays empty between calls, as SSL_get_error needs
    return 0;
}

} // namespace harness::http
