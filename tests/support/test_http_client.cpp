#include "test_http_client.hpp"

#include <algorithm>
#include <cctype>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace harness::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

// Every operation is asynchronous and run to completion on a private io_context: tcp_stream's expiry only
// bounds asynchronous operations, and every test call must be bounded in time.
struct test_connection::impl {
    net::io_context ioc;
    std::optional<net::ssl::context> tls;
    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
    beast::flat_buffer buffer;
    std::chrono::milliseconds timeout{};

    beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

    template <typename Start>
    beast::error_code run(Start start) {
        beast::error_code result;
        lowest().expires_after(timeout);
        start([&result](beast::error_code ec, auto&&...) { result = ec; });
        ioc.restart();
        ioc.run();
        return result;
    }

    template <typename Fn>
    beast::error_code with_stream(Fn fn) {
        return secure ? run([&](auto handler) { fn(*secure, handler); })
                      : run([&](auto handler) { fn(*plain, handler); });
    }
};

test_connection::test_connection(unsigned short port, std::string ca_file, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<impl>()) {
    impl_->timeout = timeout;
    const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
    if (ca_file.empty()) {
        impl_->plain.emplace(impl_->ioc);
    } else {
        impl_->tls.emplace(net::ssl::context::tls_client);
        impl_->tls->load_verify_file(ca_file);
        impl_->tls->set_verify_mode(net::ssl::verify_peer);
        impl_->secure.emplace(impl_->ioc, *impl_->tls);
        SSL_set_tlsext_host_name(impl_->secure->native_handle(), "localhost");
        impl_->secure->set_verify_callback(net::ssl::host_name_verification("localhost"));
    }
    beast::error_code ec =
        impl_->run([&](auto handler) { impl_->lowest().async_connect(endpoint, handler); });
    if (!ec && impl_->secure) {
        ec = impl_->run(
            [&](auto handler) { impl_->secure->async_handshake(net::ssl::stream_base::client, handler); });
    }
    if (ec) {
        throw std::system_error(ec);
    }
}

test_connection::~test_connection() = default;

test_response test_connection::send(const test_request& request) {
    http::request<http::string_body> req{http::string_to_verb(request.method), request.target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : request.headers) {
        req.set(name, value);
    }
    req.body() = request.body;
    req.prepare_payload();
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    beast::error_code ec =
        impl_->with_stream([&](auto& stream, auto handler) { http::async_write(stream, req, handler); });
    if (!ec) {
        ec = impl_->with_stream(
            [&](auto& stream, auto handler) { http::async_read(stream, impl_->buffer, parser, handler); });
    }
    if (ec) {
        throw std::system_error(ec);
    }
    test_response response;
    const auto& message = parser.get();
    response.status = message.result_int();
    for (const auto& field : message) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        response.headers[name] = std::string(field.value());
    }
    response.body = message.body();
    return response;
}

std::string test_connection::exchange_raw(const std::string& bytes) {
    beast::error_code ec = impl_->with_stream(
        [&](auto& stream, auto handler) { net::async_write(stream, net::buffer(bytes), handler); });
    std::string received;
    char chunk[4096];
    while (!ec) {
        std::size_t n = 0;
        ec = impl_->with_stream([&](auto& stream, auto handler) {
            stream.async_read_some(net::buffer(chunk),
                                   [&n, handler](beast::error_code e, std::size_t got) mutable {
                                       n = got;
                                       handler(e, got);
                                   });
        });
        received.append(chunk, n);
    }
    return received;
}

void test_connection::write_raw(const std::string& bytes) {
    const beast::error_code ec = impl_->with_stream(
        [&](auto& stream, auto handler) { net::async_write(stream, net::buffer(bytes), handler); });
    if (ec) {
        throw std::system_error(ec);
    }
}

bool test_connection::closed_by_peer(std::chrono::milliseconds wait) {
    const auto saved = impl_->timeout;
    impl_->timeout = wait;
    char byte = 0;
    const beast::error_code ec = impl_->with_stream(
        [&](auto& stream, auto handler) { stream.async_read_some(net::buffer(&byte, 1), handler); });
    impl_->timeout = saved;
    return ec == net::error::eof || ec == net::error::connection_reset ||
           ec == net::ssl::error::stream_truncated;
}

test_response send_once(unsigned short port, const test_request& request) {
    test_connection connection(port);
    return connection.send(request);
}

} // namespace harness::testing
