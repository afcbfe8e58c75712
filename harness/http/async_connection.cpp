#include "async_connection.hpp"

#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

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
};

connection_pool_context::connection_pool_context(net::io_context& ioc, target_url target, client_options options)
    : impl_(std::make_unique<impl>(impl{ioc, std::move(target), std::move(options), {}, std::nullopt})) {
    tcp::resolver resolver(ioc);
    beast::error_code ec;
    impl_->endpoints = resolver.resolve(impl_->target.host, std::to_string(impl_->target.port), ec);
    if (ec) {
        throw std::runtime_error("cannot resolve " + impl_->target.host + ": " + ec.message());
    }
    if (impl_->target.tls) {
        auto& tls = impl_->tls.emplace(ssl::context::tls_client);
        const tls_settings& s = impl_->options.tls;
        if (s.ca_file.empty()) {
            tls.set_default_verify_paths(ec);
        } else {
            tls.load_verify_file(s.ca_file, ec);
        }
        if (ec) {
            throw std::runtime_error("cannot load CA certificates: " + ec.message());
        }
        if (!s.client_cert_file.empty()) {
            tls.use_certificate_chain_file(s.client_cert_file);
            tls.use_private_key_file(s.client_key_file, ssl::context::pem);
        }
        tls.set_verify_mode(s.insecure ? ssl::verify_none : ssl::verify_peer);
    }
}

connection_pool_context::~connection_pool_context() = default;

struct async_connection::impl {
    connection_pool_context::impl& context;
    listener& owner;
    async_connection& self;
    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
    bool is_connected = false;
    std::string_view pending;
    std::vector<char> body;
    response_scanner scanner;
    std::array<char, 16384> read_buffer{};

    impl(connection_pool_context::impl& c, listener& l, async_connection& s, std::size_t max_body)
        : context(c), owner(l), self(s), body(max_body), scanner(body.data(), body.size()) {}

    beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

    void fail(outcome_kind outcome) {
        close();
        owner.on_response(self, outcome, scanner);
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
        lowest().expires_after(context.options.connect_timeout);
        lowest().async_connect(context.endpoints, [this](beast::error_code ec, const tcp::endpoint&) {
            if (ec) {
                return fail(outcome_kind::connect);
            }
            beast::error_code ignored;
            lowest().socket().set_option(tcp::no_delay(true), ignored);
            if (!secure) {
                is_connected = true;
                return write();
            }
            secure->async_handshake(ssl::stream_base::client, [this](beast::error_code handshake_ec) {
                if (handshake_ec) {
                    return fail(outcome_kind::tls);
                }
                is_connected = true;
                write();
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
        lowest().expires_after(context.options.response_timeout);
        on_stream([this](auto& stream) {
            net::async_write(stream, net::buffer(pending.data(), pending.size()),
                             [this](beast::error_code ec, std::size_t) {
                                 if (ec) {
                                     return fail(ec == beast::error::timeout ? outcome_kind::timeout : outcome_kind::reset);
                                 }
                                 read();
                             });
        });
    }

    void read() {
        on_stream([this](auto& stream) {
            stream.async_read_some(net::buffer(read_buffer), [this](beast::error_code ec, std::size_t n) {
                if (ec) {
                    return fail(ec == beast::error::timeout ? outcome_kind::timeout : outcome_kind::reset);
                }
                response_scanner::state state = response_scanner::state::incomplete;
                scanner.feed(std::string_view(read_buffer.data(), n), state);
                switch (state) {
                case response_scanner::state::incomplete:
                    return read();
                case response_scanner::state::error:
                    return fail(outcome_kind::protocol);
                case response_scanner::state::too_large:
                    return fail(outcome_kind::too_large);
                case response_scanner::state::complete:
                    if (!scanner.keep_alive()) {
                        close();
                    }
                    owner.on_response(self, outcome_kind::ok, scanner);
                }
            });
        });
    }

    void close() {
        beast::error_code ignored;
        if (plain) {
            plain->socket().close(ignored);
        }
        if (secure) {
            beast::get_lowest_layer(*secure).socket().close(ignored);
        }
        is_connected = false;
    }
};

async_connection::async_connection(connection_pool_context& context, listener& owner, std::size_t max_body_bytes)
    : impl_(std::make_unique<impl>(context.get(), owner, *this, max_body_bytes)) {}

async_connection::~async_connection() {
    impl_->close();
}

void async_connection::send(std::string_view request) {
    impl_->pending = request;
    if (impl_->is_connected) {
        impl_->write();
    } else {
        impl_->connect();
    }
}

void async_connection::close() {
    impl_->close();
}

bool async_connection::connected() const noexcept {
    return impl_->is_connected;
}

} // namespace harness::http
