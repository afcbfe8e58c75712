#include "mock_server.hpp"

#include "http1_session.hpp"
#include "server_context.hpp"

#include <atomic>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

namespace harness::mock {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

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

namespace {

// The TLS side of the server: the certificate and key, client certificates when a CA is given, and ALPN.
ssl::context make_tls_context(const server_options& options) {
    if (options.tls_cert_file.empty() || options.tls_key_file.empty()) {
        throw std::runtime_error("--tls-cert and --tls-key go together");
    }
    ssl::context tls(ssl::context::tls_server);
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                    ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    // ALPN: h2 when the client offers it, else HTTP/1.1 (a client offering neither gets HTTP/1.1).
    SSL_CTX_set_alpn_select_cb(tls.native_handle(), &select_protocol, nullptr);
    beast::error_code ec;
    tls.use_certificate_chain_file(options.tls_cert_file, ec);
    if (ec) {
        throw std::runtime_error("cannot use TLS certificate " + options.tls_cert_file + ": " + ec.message());
    }
    tls.use_private_key_file(options.tls_key_file, ssl::context::pem, ec);
    if (ec) {
        throw std::runtime_error("cannot use TLS key " + options.tls_key_file + ": " + ec.message());
    }
    if (!options.tls_client_ca_file.empty()) {
        tls.load_verify_file(options.tls_client_ca_file, ec);
        if (ec) {
            throw std::runtime_error("cannot use client CA " + options.tls_client_ca_file + ": " +
                                     ec.message());
        }
        tls.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
    }
    return tls;
}

} // namespace

struct mock_server::impl {
    impl(server_options opts, mock_state& state) : options(std::move(opts)), context{state, options} {
        for (int i = 0; i < std::max(1, options.threads); ++i) {
            loops.push_back(std::make_unique<event_loop>());
        }
        signals.emplace(loops.front()->ioc);
    }

    void open() {
        if (!options.tls_cert_file.empty() || !options.tls_key_file.empty()) {
            tls.emplace(make_tls_context(options));
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
                                   [this, &loop](beast::error_code ec, http1::plain_socket socket) {
                                       if (ec == net::error::operation_aborted || !loop.acceptor.is_open()) {
                                           return;
                                       }
                                       if (!ec) {
                                           on_accept(std::move(socket));
                                       }
                                       do_accept(loop);
                                   });
    }

    void on_accept(http1::plain_socket socket) {
        if (context.connections.fetch_add(1, std::memory_order_relaxed) >= options.max_connections) {
            context.connections.fetch_sub(1, std::memory_order_relaxed);
            beast::error_code ignored;
            socket.close(ignored); // over the cap: refused at once, everyone else keeps being served
            return;
        }
        socket.set_option(tcp::no_delay(true));
        if (tls) {
            std::make_shared<http1::session<http1::tls_stream>>(
                http1::tls_stream(http1::plain_stream(std::move(socket)), *tls), context)
                ->start();
        } else {
            std::make_shared<http1::session<http1::plain_stream>>(http1::plain_stream(std::move(socket)),
                                                                  context)
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
