#include "live_metrics.hpp"

#include <cstdio>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

namespace harness::load {

live_metrics::live_metrics(int threads)
    : slots_(std::make_unique<slot[]>(static_cast<std::size_t>(threads))), threads_(threads) {}

void live_metrics::answered(int thread, std::int64_t latency_us) noexcept {
    slot& s = slots_[static_cast<std::size_t>(thread)];
    s.fates[0].fetch_add(1, std::memory_order_relaxed);
    const double seconds = static_cast<double>(latency_us) / 1e6;
    std::size_t bucket = 0;
    while (bucket < bucket_bounds_seconds.size() && seconds > bucket_bounds_seconds[bucket]) {
        ++bucket;
    }
    s.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    s.sum_us.fetch_add(static_cast<std::uint64_t>(latency_us), std::memory_order_relaxed);
}

void live_metrics::failed(int thread, harness::result::request_fate fate) noexcept {
    slots_[static_cast<std::size_t>(thread)].fates[static_cast<std::size_t>(fate)].fetch_add(
        1, std::memory_order_relaxed);
}

void live_metrics::unexpected_status(int thread) noexcept {
    slots_[static_cast<std::size_t>(thread)].unexpected_statuses.fetch_add(1, std::memory_order_relaxed);
}

std::string live_metrics::exposition() const {
    std::array<std::uint64_t, harness::result::request_fate_count> fates{};
    std::array<std::uint64_t, bucket_bounds_seconds.size() + 1> buckets{};
    std::uint64_t sum_us = 0;
    std::uint64_t unexpected = 0;
    for (int t = 0; t < threads_; ++t) {
        const slot& s = slots_[static_cast<std::size_t>(t)];
        unexpected += s.unexpected_statuses.load(std::memory_order_relaxed);
        for (std::size_t i = 0; i < fates.size(); ++i) {
            fates[i] += s.fates[i].load(std::memory_order_relaxed);
        }
        for (std::size_t i = 0; i < buckets.size(); ++i) {
            buckets[i] += s.buckets[i].load(std::memory_order_relaxed);
        }
        sum_us += s.sum_us.load(std::memory_order_relaxed);
    }
    std::string text = "# HELP harness_load_requests_total Requests of the running load, by how they ended.\n"
                       "# TYPE harness_load_requests_total counter\n";
    for (std::size_t i = 0; i < fates.size(); ++i) {
        text += "harness_load_requests_total{fate=\"" +
                std::string(to_string(static_cast<harness::result::request_fate>(i))) + "\"} " +
                std::to_string(fates[i]) + "\n";
    }
    text += "# HELP harness_load_failed_replies_total Answered requests whose status is not the profile's "
            "success status (failed requests too).\n"
            "# TYPE harness_load_failed_replies_total counter\n"
            "harness_load_failed_replies_total " +
            std::to_string(unexpected) + "\n";
    text += "# HELP harness_load_latency_seconds Latency of answered requests (from the intended send time "
            "in open loop).\n"
            "# TYPE harness_load_latency_seconds histogram\n";
    std::uint64_t cumulative = 0;
    char bound[32];
    for (std::size_t i = 0; i < bucket_bounds_seconds.size(); ++i) {
        cumulative += buckets[i];
        std::snprintf(bound, sizeof bound, "%g", bucket_bounds_seconds[i]);
        text += "harness_load_latency_seconds_bucket{le=\"" + std::string(bound) + "\"} " +
                std::to_string(cumulative) + "\n";
    }
    cumulative += buckets.back();
    text += "harness_load_latency_seconds_bucket{le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
    char sum[64];
    std::snprintf(sum, sizeof sum, "%.6f", static_cast<double>(sum_us) / 1e6);
    text += "harness_load_latency_seconds_sum " + std::string(sum) + "\n";
    text += "harness_load_latency_seconds_count " + std::to_string(cumulative) + "\n";
    return text;
}

namespace {
namespace net = boost::asio;
using tcp = net::ip::tcp;
} // namespace

struct metrics_server::impl {
    const live_metrics& metrics;
    net::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    std::thread thread;

    explicit impl(const live_metrics& m) : metrics(m) {}

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
                const std::string body =
                    found ? metrics.exposition() : std::string("not found; try /metrics\n");
                auto response = std::make_shared<std::string>(
                    std::string(found ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 404 Not Found\r\n") +
                    "Content-Type: text/plain; version=0.0.4; charset=utf-8\r\nConnection: "
                    "close\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body);
                net::async_write(*socket, net::buffer(*response),
                                 [socket, response](boost::system::error_code, std::size_t) {
                                     boost::system::error_code ignored;
                                     socket->shutdown(tcp::socket::shutdown_both, ignored);
                                 });
            });
    }
};

metrics_server::metrics_server(const std::string& address, const live_metrics& metrics)
    : impl_(std::make_unique<impl>(metrics)) {
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

} // namespace harness::load
