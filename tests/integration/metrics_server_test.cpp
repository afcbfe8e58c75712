// The scrape server over loopback: GET /metrics answers what the callback returns at that moment, anything
// else 404, one request per connection; an address it cannot use is an error that names it.

#include "harness/metrics/metrics_server.hpp"
#include "tests/support/test_http_client.hpp"

#include <atomic>
#include <system_error>

#include <gtest/gtest.h>

namespace harness::metrics {
namespace {

unsigned short port_of(const std::string& url) {
    const std::size_t colon = url.rfind(':');
    return static_cast<unsigned short>(std::stoi(url.substr(colon + 1)));
}

std::string scrape(const metrics_server& server, const std::string& request_line) {
    harness::testing::test_connection connection(port_of(server.url()));
    return connection.exchange_raw(request_line + "\r\nHost: x\r\n\r\n");
}

TEST(metrics_server, serves_the_callbacks_text_on_each_scrape) {
    std::atomic<int> scrapes{0};
    const metrics_server server("127.0.0.1:0",
                                [&scrapes] { return "up " + std::to_string(++scrapes) + "\n"; });
    EXPECT_EQ(server.url().rfind("http://127.0.0.1:", 0), 0u) << server.url();
    EXPECT_TRUE(server.url().ends_with("/metrics")) << server.url();
    const std::string first = scrape(server, "GET /metrics HTTP/1.1");
    EXPECT_EQ(first.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << first;
    EXPECT_NE(first.find("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"), std::string::npos);
    EXPECT_NE(first.find("Connection: close\r\n"), std::string::npos);
    EXPECT_TRUE(first.ends_with("Content-Length: 5\r\n\r\nup 1\n")) << first;
    EXPECT_TRUE(scrape(server, "GET /metrics HTTP/1.1").ends_with("up 2\n"));
}

TEST(metrics_server, anything_else_is_not_found) {
    std::atomic<int> scrapes{0};
    const metrics_server server("127.0.0.1:0", [&scrapes] { return std::to_string(++scrapes); });
    const std::string reply = scrape(server, "GET / HTTP/1.1");
    EXPECT_EQ(reply.rfind("HTTP/1.1 404 Not Found\r\n", 0), 0u) << reply;
    EXPECT_TRUE(reply.ends_with("not found; try /metrics\n")) << reply;
    EXPECT_EQ(scrapes.load(), 0); // the text is only built for a scrape
}

TEST(metrics_server, refuses_an_address_it_cannot_use) {
    const auto text = [] {
        return std::string();
    };
    EXPECT_THROW(metrics_server("9464", text), std::system_error);
    EXPECT_THROW(metrics_server("not-an-address:9464", text), std::system_error);
    EXPECT_THROW(metrics_server("127.0.0.1:port", text), std::system_error);
    const metrics_server taken("127.0.0.1:0", text);
    try {
        metrics_server again("127.0.0.1:" + std::to_string(port_of(taken.url())), text);
        FAIL() << "a port already listened on was accepted";
    } catch (const std::system_error& e) {
        EXPECT_NE(std::string(e.what()).find("127.0.0.1:"), std::string::npos) << e.what();
    }
}

} // namespace
} // namespace harness::metrics
