// The mock over real loopback sockets: keep-alive, TLS, limits, timeouts, the connection cap and the
// transport faults. Every wait is bounded; the server is stopped and joined by the fixture.

#include "mock_server/fault_spec.hpp"
#include "tests/support/mock_fixture.hpp"

#include <chrono>
#include <thread>

#include <boost/beast/core/error.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace harness::testing {
namespace {

using namespace std::chrono_literals;
namespace hm = harness::mock;

const std::string data_dir = HARNESS_TEST_DATA_DIR;

TEST(mock_server, answers_the_route_on_a_keep_alive_connection) {
    running_mock mock;
    test_connection connection(mock.port());
    for (int i = 0; i < 5; ++i) {
        const test_response r = connection.send(running_mock::message(R"({"itemUuid":"i"})"));
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.headers.at("content-type"), "application/json");
    }
    EXPECT_EQ(mock.state().messages().total(running_mock::conversation), 5u);
    EXPECT_EQ(connection.send(running_mock::message("{}")).status, 400);
}

TEST(mock_server, serves_https_with_a_verifiable_certificate) {
    hm::server_options options;
    options.tls_cert_file = data_dir + "/tls/localhost.crt";
    options.tls_key_file = data_dir + "/tls/localhost.key";
    running_mock mock(options);
    EXPECT_EQ(mock.server().url().substr(0, 8), "https://");
    test_connection connection(mock.port(), data_dir + "/tls/localhost.crt");
    EXPECT_EQ(connection.send(running_mock::message(R"({"itemUuid":"i"})")).status, 200);
}

TEST(mock_server, serves_ipv6_loopback_when_asked) {
    hm::server_options options;
    options.bind = "::1";
    try {
        running_mock mock(options);
        EXPECT_EQ(mock.server().url().substr(0, 12), "http://[::1]");
    } catch (const std::system_error& e) {
        GTEST_SKIP() << "no IPv6 loopback here: " << e.what();
    }
}

TEST(mock_server, oversized_headers_get_431_and_the_server_keeps_serving) {
    running_mock mock;
    test_request request = running_mock::message(R"({"itemUuid":"i"})");
    request.headers["X-Padding"] = std::string(16 * 1024, 'a');
    test_connection connection(mock.port());
    const test_response r = connection.send(request);
    EXPECT_EQ(r.status, 431);
    EXPECT_EQ(boost::json::parse(r.body).at("success"), false);
    EXPECT_EQ(send_once(mock.port(), running_mock::message(R"({"itemUuid":"i"})")).status, 200);
}

TEST(mock_server, oversized_body_gets_413_from_the_profile) {
    running_mock mock;
    const std::string big = R"({"itemUuid":"i","text":")" + std::string(1100 * 1024, 'x') + "\"}";
    test_connection connection(mock.port());
    const test_response r = connection.send(running_mock::message(big));
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(boost::json::parse(r.body).at("error").at("code"), "PAYLOAD_TOO_LARGE");
    EXPECT_EQ(send_once(mock.port(), running_mock::message(R"({"itemUuid":"i"})")).status, 200);
}

TEST(mock_server, an_oversized_body_reserves_no_idempotency_key) {
    // Profile rule 6: a request refused for any reason, 413 included, reserves no key.
    running_mock mock;
    const std::string key = R"(,"idempotencyKey":"big-key"})";
    const std::string big = R"({"itemUuid":"i","text":")" + std::string(1100 * 1024, 'x') + "\"" + key;
    EXPECT_EQ(send_once(mock.port(), running_mock::message(big)).status, 413);
    EXPECT_EQ(mock.state().messages().total(running_mock::conversation), 0u);
    const test_response first = send_once(mock.port(), running_mock::message(R"({"itemUuid":"i")" + key));
    EXPECT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(mock.state().messages().total(running_mock::conversation), 1u);
    EXPECT_EQ(send_once(mock.port(), running_mock::message(R"({"itemUuid":"j")" + key)).status, 422);
}

TEST(mock_server, malformed_http_gets_400_and_close) {
    running_mock mock;
    for (const std::string& garbage :
         {std::string("GARBAGE\r\n\r\n"), std::string("POST / HTTP/9.9\r\n\r\n"),
          std::string("\x16\x03\x01\x02\x00\x01", 6) + std::string(100, '\0') + "\r\n\r\n",
          std::string("POST /x HTTP/1.1\r\nContent-Length: nope\r\n\r\n")}) {
        test_connection connection(mock.port(), {}, 2s);
        const std::string reply = connection.exchange_raw(garbage);
        EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 400") << reply;
    }
    EXPECT_EQ(send_once(mock.port(), running_mock::message(R"({"itemUuid":"i"})")).status, 200);
}

TEST(mock_server, a_slow_client_cannot_hold_a_connection) {
    hm::server_options options;
    options.read_timeout = 300ms;
    running_mock mock(options);
    test_connection idle(mock.port(), {}, 3s);
    EXPECT_TRUE(idle.closed_by_peer(3s)) << "an idle connection outlived the read timeout";
    // Half a request line, then nothing: the server's read deadline must end it (the client's own timeout,
    // ten times longer, would show as not closed by the peer).
    test_connection dribbler(mock.port(), {}, 3s);
    dribbler.write_raw("POST /v1/projects/");
    EXPECT_TRUE(dribbler.closed_by_peer(3s)) << "the server did not close the connection";
}

TEST(mock_server, idle_connections_do_not_block_others) {
    running_mock mock;
    std::vector<std::unique_ptr<test_connection>> idle;
    for (int i = 0; i < 200; ++i) {
        idle.push_back(std::make_unique<test_connection>(mock.port()));
    }
    EXPECT_EQ(send_once(mock.port(), running_mock::message(R"({"itemUuid":"i"})")).status, 200);
}

TEST(mock_server, connections_beyond_the_cap_are_closed_at_once) {
    hm::server_options options;
    options.max_connections = 2;
    running_mock mock(options);
    test_connection first(mock.port());
    test_connection second(mock.port());
    EXPECT_EQ(first.send(running_mock::message(R"({"itemUuid":"i"})")).status, 200);
    test_connection third(mock.port(), {}, 2s);
    EXPECT_TRUE(third.closed_by_peer(2s));
    EXPECT_EQ(second.send(running_mock::message(R"({"itemUuid":"i"})")).status, 200);
}

class faulted_mock : public ::testing::Test {
protected:
    running_mock mock;
    void set_fault(const std::string& spec) { mock.state().faults().set({hm::parse_fault_spec(spec)}); }
};

TEST_F(faulted_mock, latency_delays_the_reply) {
    set_fault("latency=150");
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(send_once(mock.port(), running_mock::message(R"({"itemUuid":"i"})")).status, 200);
    EXPECT_GE(std::chrono::steady_clock::now() - started, 150ms);
}

TEST_F(faulted_mock, stall_holds_replies_until_it_ends) {
    set_fault("stall=600000/1200000");
    test_connection connection(mock.port(), {}, 300ms);
    EXPECT_THROW(connection.send(running_mock::message(R"({"itemUuid":"i"})")), std::system_error);
}

TEST_F(faulted_mock, reset_breaks_the_connection) {
    set_fault("reset");
    test_connection connection(mock.port(), {}, 2s);
    try {
        connection.send(running_mock::message(R"({"itemUuid":"i"})"));
        ADD_FAILURE() << "the request was answered";
    } catch (const std::system_error& e) {
        // A reset or a close, not the client's own timeout.
        EXPECT_NE(e.code(), std::error_code(boost::system::error_code(boost::beast::error::timeout)))
            << e.what();
    }
}

TEST_F(faulted_mock, truncate_sends_half_a_body_then_closes) {
    set_fault("truncate");
    test_connection connection(mock.port(), {}, 2s);
    EXPECT_THROW(connection.send(running_mock::message(R"({"itemUuid":"i"})")), std::system_error);
    test_connection raw(mock.port(), {}, 2s);
    const std::string reply =
        raw.exchange_raw("POST " + running_mock::route() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                         running_mock::token +
                         "\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n"
                         R"({"itemUuid":"i"})");
    const std::size_t body_at = reply.find("\r\n\r\n");
    ASSERT_NE(body_at, std::string::npos) << reply;
    const std::size_t length_at = reply.find("Content-Length: ");
    ASSERT_NE(length_at, std::string::npos);
    const std::size_t declared = std::stoul(reply.substr(length_at + 16));
    EXPECT_LT(reply.size() - body_at - 4, declared);
}

TEST_F(faulted_mock, drip_sends_the_reply_intact_but_slowly) {
    set_fault("drip=1");
    const auto started = std::chrono::steady_clock::now();
    const test_response r = send_once(mock.port(), running_mock::message(R"({"itemUuid":"i"})"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(boost::json::parse(r.body).at("success"), true);
    EXPECT_GE(std::chrono::steady_clock::now() - started, 100ms); // several hundred bytes, one per ms
}

TEST_F(faulted_mock, every_nth_applies_to_exactly_every_nth_request) {
    set_fault("status=503,every=3");
    std::vector<int> statuses;
    test_connection connection(mock.port());
    for (int i = 0; i < 6; ++i) {
        statuses.push_back(connection.send(running_mock::message(R"({"itemUuid":"i"})")).status);
    }
    EXPECT_EQ(statuses, (std::vector<int>{200, 200, 503, 200, 200, 503}));
}

TEST(mock_server, admin_and_metrics_over_the_socket) {
    running_mock mock;
    send_once(mock.port(), running_mock::message(R"({"itemUuid":"i"})"));
    test_request health;
    health.method = "GET";
    health.target = "/__admin/health";
    EXPECT_EQ(send_once(mock.port(), health).status, 200);
    test_request metrics;
    metrics.method = "GET";
    metrics.target = "/metrics";
    // The first reply is counted once its last byte is written, which may be just after the client has read
    // it.
    test_response r;
    for (int attempt = 0; attempt < 50; ++attempt) {
        r = send_once(mock.port(), metrics);
        if (r.body.find("harness_mock_requests_total{status=\"200\"} 1") != std::string::npos) {
            break;
        }
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_NE(r.body.find("harness_mock_requests_total{status=\"200\"} 1"), std::string::npos) << r.body;
}

} // namespace
} // namespace harness::testing
