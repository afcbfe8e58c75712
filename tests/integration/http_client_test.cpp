// The driver against real loopback servers: keep-alive, IPv6, TLS verification, and every way an exchange can
// end badly, each classified and bounded in time.

#include "harness/http/http_client.hpp"
#include "mock_server/fault_spec.hpp"
#include "tests/support/mock_fixture.hpp"

#include <chrono>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

namespace harness::http {
namespace {

using namespace std::chrono_literals;
using harness::testing::running_mock;

const std::string data_dir = HARNESS_TEST_DATA_DIR;

target_url url_of(const std::string& text) {
    std::string error;
    auto url = parse_target_url(text, error);
    EXPECT_TRUE(url) << error;
    return *url;
}

http_request message(const std::string& body = R"({"itemUuid":"i"})") {
    http_request r;
    r.target = running_mock::route();
    r.headers = {{"Authorization", "Bearer " + running_mock::token}, {"Content-Type", "application/json"}};
    r.body = body;
    return r;
}

TEST(http_client, keeps_the_connection_alive_and_redacts) {
    running_mock mock;
    http_client client(url_of(mock.server().url()), {});
    const exchange first = client.send(message());
    const exchange second = client.send(message());
    ASSERT_EQ(first.outcome, outcome_kind::ok) << first.error;
    EXPECT_EQ(first.response.status, 200);
    EXPECT_FALSE(first.reused_connection);
    EXPECT_TRUE(second.reused_connection);
    EXPECT_GT(first.timings.total_us, 0);
    for (const auto& [name, value] : first.request.headers) {
        EXPECT_EQ(value.find(running_mock::token), std::string::npos) << name;
    }
    EXPECT_EQ(mock.server().open_connections(), 1u);
}

TEST(http_client, speaks_ipv6) {
    harness::mock::server_options options;
    options.bind = "::1";
    std::unique_ptr<running_mock> mock;
    try {
        mock = std::make_unique<running_mock>(options);
    } catch (const std::system_error& e) {
        GTEST_SKIP() << "no IPv6 loopback here: " << e.what();
    }
    http_client client(url_of(mock->server().url()), {});
    const exchange e = client.send(message());
    ASSERT_EQ(e.outcome, outcome_kind::ok) << e.error;
    EXPECT_EQ(e.response.status, 200);
}

class tls_client : public ::testing::Test {
protected:
    static harness::mock::server_options tls_options() {
        harness::mock::server_options o;
        o.tls_cert_file = data_dir + "/tls/localhost.crt";
        o.tls_key_file = data_dir + "/tls/localhost.key";
        return o;
    }
    running_mock mock{tls_options()};
    std::string url(const std::string& host) { return "https://" + host + ":" + std::to_string(mock.port()); }
};

TEST_F(tls_client, verifies_against_the_given_ca) {
    client_options options;
    options.tls.ca_file = data_dir + "/tls/localhost.crt";
    for (const char* host : {"localhost", "127.0.0.1"}) {
        http_client client(url_of(url(host)), options);
        const exchange e = client.send(message());
        ASSERT_EQ(e.outcome, outcome_kind::ok) << host << ": " << e.error;
        EXPECT_GT(e.timings.tls_us, 0);
    }
}

TEST_F(tls_client, refuses_an_unknown_ca_and_says_why) {
    http_client client(url_of(url("localhost")), {});
    const exchange e = client.send(message());
    EXPECT_EQ(e.outcome, outcome_kind::tls);
    EXPECT_NE(e.error.find("certificate verify failed"), std::string::npos) << e.error;
}

TEST_F(tls_client, refuses_a_name_the_certificate_does_not_carry) {
    client_options options;
    options.tls.ca_file = data_dir + "/tls/localhost.crt";
    http_client client(url_of("https://127.0.0.2:" + std::to_string(mock.port())), options);
    const exchange e = client.send(message());
    EXPECT_NE(e.outcome, outcome_kind::ok);
}

TEST_F(tls_client, insecure_only_when_asked) {
    client_options options;
    options.tls.insecure = true;
    http_client client(url_of(url("localhost")), options);
    EXPECT_EQ(client.send(message()).outcome, outcome_kind::ok);
}

TEST(http_client, unreadable_ca_file_is_an_error_at_setup) {
    client_options options;
    options.tls.ca_file = data_dir + "/no-such-ca.pem";
    EXPECT_THROW(http_client(url_of("https://localhost:1"), options), std::runtime_error);
}

TEST(http_client, connection_refused_is_connect) {
    http_client client(url_of("http://127.0.0.1:9"), {});
    const exchange e = client.send(message());
    EXPECT_EQ(e.outcome, outcome_kind::connect);
    EXPECT_FALSE(e.error.empty());
}

TEST(http_client, classifies_broken_servers_within_their_timeouts) {
    running_mock mock;
    client_options options;
    options.response_timeout = 300ms;
    const auto check = [&](const std::string& fault, outcome_kind expected) {
        mock.state().faults().set({harness::mock::parse_fault_spec(fault)});
        http_client client(url_of(mock.server().url()), options);
        // The class tells a timeout from a reset; ctest's TIMEOUT bounds a client that would hang.
        const exchange e = client.send(message());
        EXPECT_EQ(e.outcome, expected) << fault << ": " << to_string(e.outcome) << " " << e.error;
    };
    check("latency=2000", outcome_kind::timeout);
    check("reset", outcome_kind::reset);
    check("truncate", outcome_kind::reset);
    check("drip=50", outcome_kind::timeout);
}

TEST(http_client, caps_the_response_size) {
    running_mock mock;
    client_options options;
    options.max_response_bytes = 16;
    http_client client(url_of(mock.server().url()), options);
    EXPECT_EQ(client.send(message()).outcome, outcome_kind::too_large);
}

TEST(http_client, non_http_bytes_are_a_protocol_error) {
    namespace net = boost::asio;
    net::io_context ioc;
    net::ip::tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"), 0});
    const unsigned short port = acceptor.local_endpoint().port();
    std::thread server([&] {
        net::ip::tcp::socket socket(ioc);
        acceptor.accept(socket);
        char buffer[4096];
        boost::system::error_code ec;
        socket.read_some(net::buffer(buffer), ec);
        net::write(socket, net::buffer(std::string("SSH-2.0-OpenSSH_9.2\r\n\r\n")), ec);
        std::this_thread::sleep_for(200ms);
    });
    client_options options;
    options.response_timeout = 1s;
    http_client client(url_of("http://127.0.0.1:" + std::to_string(port)), options);
    const exchange e = client.send(message());
    server.join();
    EXPECT_EQ(e.outcome, outcome_kind::protocol) << to_string(e.outcome) << " " << e.error;
}

} // namespace
} // namespace harness::http
