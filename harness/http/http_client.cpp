#include "http_client.hpp"

#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "redact.hpp"

namespace harness::http {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using clock = std::chrono::steady_clock;

std::int64_t micros_since(clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - start).count();
}

// Why a handshake failed, in words a user can act on ("certificate verify failed: self-signed certificate").
std::string tls_failure_reason(const beast::error_code& ec, SSL* ssl_handle) {
    std::string reason = ec.message();
    if (ssl_handle != nullptr) {
        const long verify = SSL_get_verify_result(ssl_handle);
        if (verify != X509_V_OK) {
            reason += ": " + std::string(X509_verify_cert_error_string(verify));
        }
    }
    return reason;
}

outcome_kind classify_transfer_error(const beast::error_code& ec) {
    if (ec == beast::error::timeout) {
        return outcome_kind::timeout;
    }
    if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
        return outcome_kind::too_large;
    }
    if (ec == net::error::eof || ec == net::error::connection_reset || ec == net::error::broken_pipe ||
        ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
        ec == ssl::error::stream_truncated || ec == net::error::connection_aborted) {
        return outcome_kind::reset;
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_version).category()) {
        return outcome_kind::protocol;
    }
    return outcome_kind::reset;
}

} // namespace

struct http_client::impl {
    target_url target;
    client_options options;
    net::io_context ioc;
    std::optional<ssl::context> tls;
    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
    beast::flat_buffer buffer;
    bool connected = false;

    impl(target_url t, client_options o) : target(std::move(t)), options(std::move(o)) {
        if (target.tls) {
            make_tls_context();
        }
    }

    void make_tls_context() {
        tls.emplace(ssl::context::tls_client);
        tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3);
        beast::error_code ec;
        if (options.tls.ca_file.empty()) {
            tls->set_default_verify_paths(ec);
        } else {
            tls->load_verify_file(options.tls.ca_file, ec);
            if (ec) {
                throw std::runtime_error("cannot read CA file " + options.tls.ca_file + ": " + ec.message());
            }
        }
        if (!options.tls.client_cert_file.empty()) {
            tls->use_certificate_chain_file(options.tls.client_cert_file, ec);
            if (ec) {
                throw std::runtime_error("cannot use client certificate " + options.tls.client_cert_file + ": " +
                                         ec.message());
            }
            tls->use_private_key_file(options.tls.client_key_file, ssl::context::pem, ec);
            if (ec) {
                throw std::runtime_error("cannot use client key " + options.tls.client_key_file + ": " +
                                         ec.message());
            }
        }
        tls->set_verify_mode(options.tls.insecure ? ssl::verify_none : ssl::verify_peer);
    }

    beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

    // Runs one asynchronous operation to completion on the private io_context; the stream's expiry bounds it.
    template <typename Start>
    beast::error_code run(std::chrono::milliseconds limit, Start start) {
        beast::error_code result;
        lowest().expires_after(limit);
        start([&result](beast::error_code ec, auto&&...) { result = ec; });
        ioc.restart();
        ioc.run();
        return result;
    }

    template <typename Fn>
    beast::error_code on_stream(std::chrono::milliseconds limit, Fn fn) {
        return secure ? run(limit, [&](auto handler) { fn(*secure, handler); })
                      : run(limit, [&](auto handler) { fn(*plain, handler); });
    }

    bool connect(exchange& result) {
        const clock::time_point started = clock::now();
        plain.reset();
        secure.reset();
        buffer.clear();
        tcp::resolver resolver(ioc);
        beast::error_code ec;
        const auto endpoints = resolver.resolve(target.host, std::to_string(target.port), ec);
        if (ec) {
            result.outcome = outcome_kind::connect;
            result.error = "cannot resolve " + target.host + ": " + ec.message();
            return false;
        }
        if (target.tls) {
            secure.emplace(ioc, *tls);
            beast::error_code not_an_address;
            net::ip::make_address(target.host, not_an_address);
            if (not_an_address) {
                // SNI carries names only; an IP address target is verified against the certificate's IP SANs.
                SSL_set_tlsext_host_name(secure->native_handle(), target.host.c_str());
            }
            if (!options.tls.insecure) {
                secure->set_verify_callback(ssl::host_name_verification(target.host));
            }
        } else {
            plain.emplace(ioc);
        }
        ec = run(options.connect_timeout, [&](auto handler) { lowest().async_connect(endpoints, handler); });
        result.timings.connect_us = micros_since(started);
        if (ec) {
            result.outcome = outcome_kind::connect;
            result.error = "cannot connect to " + target.authority() + ": " +
                           (ec == beast::error::timeout ? std::string("timed out") : ec.message());
            return false;
        }
        lowest().socket().set_option(tcp::no_delay(true), ec);
        if (secure) {
            const clock::time_point handshake_started = clock::now();
            ec = run(options.connect_timeout,
                     [&](auto handler) { secure->async_handshake(ssl::stream_base::client, handler); });
            result.timings.tls_us = micros_since(handshake_started);
            if (ec) {
                result.outcome = outcome_kind::tls;
                result.error = "TLS handshake with " + target.authority() + " failed: " +
                               tls_failure_reason(ec, secure->native_handle());
                return false;
            }
        }
        connected = true;
        return true;
    }

    void fail(exchange& result, const beast::error_code& ec, const char* stage) {
        result.outcome = classify_transfer_error(ec);
        result.error = std::string(stage) + ": " +
                       (ec == beast::error::timeout ? std::string("no complete response within ") +
                                                          std::to_string(options.response_timeout.count()) + " ms"
                                                    : ec.message());
        connected = false;
    }

    exchange send(const http_request& request) {
        exchange result;
        result.request = redacted(request);
        const clock::time_point started = clock::now();
        result.reused_connection = connected;
        if (!connected && !connect(result)) {
            result.timings.total_us = micros_since(started);
            return result;
        }
        bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(request.method),
                                               target.base_path + request.target, 11};
        if (req.method() == bhttp::verb::unknown) {
            req.method_string(request.method);
        }
        req.set(bhttp::field::host, target.authority());
        req.set(bhttp::field::user_agent, "harness/0.1");
        for (const auto& [name, value] : request.headers) {
            req.insert(name, value);
        }
        req.body() = request.body;
        req.prepare_payload();
        const clock::time_point write_started = clock::now();
        beast::error_code ec =
            on_stream(options.response_timeout, [&](auto& stream, auto handler) { bhttp::async_write(stream, req, handler); });
        const bool early_reply_possible = ec == net::error::broken_pipe || ec == net::error::connection_reset;
        if (ec && !early_reply_possible) {
            fail(result, ec, "sending the request");
            result.timings.total_us = micros_since(started);
            return result;
        }
        // A server may answer before reading the whole body (413 for an oversize one) and stop reading: the
        // write then fails, but its reply is already here to be read.
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(options.max_response_bytes);
        parser.header_limit(64 * 1024);
        ec = on_stream(options.response_timeout,
                       [&](auto& stream, auto handler) { bhttp::async_read_header(stream, buffer, parser, handler); });
        result.timings.first_byte_us = micros_since(write_started);
        if (!ec && !parser.is_done()) {
            ec = on_stream(options.response_timeout,
                           [&](auto& stream, auto handler) { bhttp::async_read(stream, buffer, parser, handler); });
        }
        result.timings.total_us = micros_since(started);
        if (ec) {
            fail(result, ec, early_reply_possible ? "sending the request (the server stopped reading)"
                                                  : "reading the response");
            return result;
        }
        const auto& message = parser.get();
        result.response.status = message.result_int();
        result.response.reason = std::string(message.reason());
        for (const auto& field : message) {
            result.response.headers.emplace_back(std::string(field.name_string()),
                                                 redact_header_value(field.name_string(), field.value()));
        }
        result.response.body = message.body();
        if (!message.keep_alive()) {
            close();
        }
        return result;
    }

    void close() {
        beast::error_code ignored;
        if (plain) {
            plain->socket().shutdown(tcp::socket::shutdown_both, ignored);
            plain->socket().close(ignored);
        }
        if (secure) {
            beast::get_lowest_layer(*secure).socket().close(ignored);
        }
        connected = false;
    }
};

http_client::http_client(target_url target, client_options options)
    : impl_(std::make_unique<impl>(std::move(target), std::move(options))) {}

http_client::~http_client() {
    impl_->close();
}

exchange http_client::send(const http_request& request) {
    return impl_->send(request);
}

void http_client::close() {
    impl_->close();
}

const target_url& http_client::target() const noexcept {
    return impl_->target;
}

} // namespace harness::http
