#include "metrics_server.hpp"

#include "prometheus_text.hpp"

#include <istream>
#include <system_error>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

namespace harness::metrics {

namespace {
namespace net = boost::asio;
using tcp = net::ip::tcp;
} // namespace

struct metrics_server::impl {
    std::function<std::string()> text;
    net::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    std::thread thread;

    explicit impl(std::function<std::string()> t) : text(std::move(t)) {}

    void accept() {
        acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (ec) {
                return;
            }
            serve(std::make_shared<tcp::socket>(std::move(socket)));
            accept();
        });
    }

    // One request per connection, then close: scrapers do not need keep-alive.
    void serve(std::shared_ptr<tcp::socket> socket) {
        auto request = std::make_shared<net::streambuf>(8192);
        net::async_read_until(
            *socket, *request, "\r\n\r\n",
            [this, socket, request](boost::system::error_code ec, std::size_t) {
                if (ec) {
                    return;
                }
                std::string first_line;
                std::istream in(request.get());
                std::getline(in, first_line);
                const bool found = first_line.rfind("GET /metrics", 0) == 0;
                const std::string body = found ? text() : std::string("not found; try /metrics\n");
                auto response = std::make_shared<std::string>(
                    std::string(found ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 404 Not Found\r\n") +
                    "Content-Type: " + std::string(prometheus_text::content_type) +
                    "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                    body);
                net::async_write(*socket, net::buffer(*response),
                                 [socket, response](boost::system::error_code, std::size_t) {
                                     boost::system::error_code ignored;
                                     socket->shutdown(tcp::socket::shutdown_both, ignored);
                                 });
            });
    }
};

// The errors name --metrics-addr, the flag of its one user (`harness load`), as they did before the server
// left load/.
metrics_server::metrics_server(const std::string& address, std::function<std::string()> text)
    : impl_(std::make_unique<impl>(std::move(text))) {
    const std::size_t colon = address.rfind(':');
    if (colon == std::string::npos) {
        throw std::system_error(std::make_error_code(std::errc::invalid_argument),
                                "--metrics-addr needs HOST:PORT");
    }
    std::string host = address.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    try {
        const tcp::endpoint endpoint(net::ip::make_address(host),
                                     static_cast<unsigned short>(std::stoi(address.substr(colon + 1))));
        impl_->acceptor.open(endpoint.protocol());
        impl_->acceptor.set_option(net::socket_base::reuse_address(true));
        impl_->acceptor.bind(endpoint);
        impl_->acceptor.listen();
    } catch (const boost::system::system_error& e) {
        throw std::system_error(e.code(), "--metrics-addr " + address);
    } catch (const std::logic_error&) {
        throw std::system_error(std::make_error_code(std::errc::invalid_argument),
                                "--metrics-addr " + address);
    }
    impl_->accept();
    impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

metrics_server::~metrics_server() {
    impl_->ioc.stop();
    if (impl_->thread.joinable()) {
        impl_->thread.join();
    }
}

std::string metrics_server::url() const {
    const auto endpoint = impl_->acceptor.local_endpoint();
    const std::string host = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                                        : endpoint.address().to_string();
    return "http://" + host + ":" + std::to_string(endpoint.port()) + "/metrics";
}

} // namespace harness::metrics
