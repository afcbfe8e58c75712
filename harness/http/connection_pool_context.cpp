#include "async_connection.hpp"
#include "connection_link.hpp"

#include <boost/beast/core/error.hpp>

namespace harness::http {

namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

// What this client offers by ALPN (length-prefixed names), by the --http choice.
void offer_alpn(ssl::context& tls, http_version wanted) {
    static constexpr unsigned char both[] = "\x02h2\x08http/1.1";
    static constexpr unsigned char h2_only[] = "\x02h2";
    static constexpr unsigned char http1_only[] = "\x08http/1.1";
    if (wanted == http_version::automatic) {
        SSL_CTX_set_alpn_protos(tls.native_handle(), both, sizeof both - 1);
    } else if (wanted == http_version::http2) {
        SSL_CTX_set_alpn_protos(tls.native_handle(), h2_only, sizeof h2_only - 1);
    } else {
        SSL_CTX_set_alpn_protos(tls.native_handle(), http1_only, sizeof http1_only - 1);
    }
}

void prepare_tls(ssl::context& tls, const client_options& options) {
    boost::system::error_code ec;
    const tls_settings& s = options.tls;
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
    offer_alpn(tls, options.http);
}

} // namespace

connection_pool_context::connection_pool_context(net::io_context& ioc, target_url target,
                                                 client_options options)
    : impl_(std::make_unique<impl>(
          impl{ioc, std::move(target), std::move(options), {}, std::nullopt, {}, {}, std::nullopt, false})) {
    impl_->sweeper.emplace(ioc);
    if (impl_->target.tls) {
        prepare_tls(impl_->tls.emplace(ssl::context::tls_client), impl_->options);
    }
    // TLS files are checked first: a bad CA file is a setup error whether or not the host resolves.
    boost::system::error_code ec;
    tcp::resolver resolver(ioc);
    impl_->endpoints = resolver.resolve(impl_->target.host, std::to_string(impl_->target.port), ec);
    if (ec) {
        throw std::runtime_error("cannot resolve " + impl_->target.host + ": " + ec.message());
    }
}

connection_pool_context::~connection_pool_context() = default;

void connection_pool_context::impl::ensure_sweeping() {
    if (sweeping) {
        return;
    }
    sweeping = true;
    sweeper->expires_after(std::chrono::milliseconds(5));
    sweeper->async_wait([this](boost::system::error_code ec) {
        sweeping = false;
        if (!ec) {
            sweep();
        }
    });
}

void connection_pool_context::impl::sweep() {
    const auto now = steady_clock::now();
    bool armed = false;
    for (link_user* user : users) {
        if (user->deadline <= now) {
            user->deadline = no_deadline;
            user->expire();
        } else if (user->deadline != no_deadline) {
            armed = true;
        }
    }
    for (connection_link* link : links) {
        if (link->deadline <= now) {
            link->deadline = no_deadline;
            link->expire();
        } else if (link->deadline != no_deadline) {
            armed = true;
        }
    }
    if (armed) {
        ensure_sweeping();
    }
}

} // namespace harness::http
