// The harness's HTTP/2 client session alone, without a server and without sockets: what it writes first, how
// it counts and ends its streams, and that bytes which are not HTTP/2 fail the connection and every stream.
// Its exchanges with the mock's server session are in tests/unit/mock_server/h2_session_test.cpp.

#include "harness/http/h2_client_session.hpp"

#include <string>

#include <gtest/gtest.h>

namespace harness::http {
namespace {

struct ending_sink final : h2_stream_sink {
    int ends = 0;
    outcome_kind outcome = outcome_kind::ok;
    std::string why;

    void on_h2_header(std::string_view, std::string_view) override {}
    bool on_h2_data(std::string_view) override { return true; }
    void on_h2_end(outcome_kind o, std::string_view w) override {
        ++ends;
        outcome = o;
        why = w;
    }
};

const std::string wire = "POST /v1/x HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                         "Content-Length: 2\r\n\r\n{}";

TEST(h2_client_session, writes_the_connection_preface_first_and_counts_its_streams) {
    h2_client_session client("http", "127.0.0.1:8080");
    request_view request;
    ASSERT_TRUE(request.parse(wire));
    ending_sink first, second;
    const std::int32_t first_id = client.submit(request, first);
    const std::int32_t second_id = client.submit(request, second);
    EXPECT_EQ(first_id, 1); // client streams are odd, in order
    EXPECT_EQ(second_id, 3);
    EXPECT_EQ(client.open_streams(), 2U);
    std::string out;
    ASSERT_TRUE(client.produce(out)) << client.error();
    EXPECT_EQ(out.rfind("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 0), 0U) << "no client preface first";
    // A cancelled stream is reset (RST_STREAM goes out) and ends silently: its sink is never called.
    client.cancel(first_id);
    std::string reset;
    ASSERT_TRUE(client.produce(reset)) << client.error();
    EXPECT_FALSE(reset.empty());
    EXPECT_EQ(client.open_streams(), 1U);
    client.fail_all(outcome_kind::reset, "the connection is gone");
    EXPECT_EQ(first.ends, 0);
    EXPECT_EQ(second.ends, 1);
    EXPECT_EQ(second.outcome, outcome_kind::reset);
    EXPECT_EQ(second.why, "the connection is gone");
}

TEST(h2_client_session, bytes_that_are_not_http2_fail_the_connection_and_every_stream) {
    h2_client_session client("http", "h");
    request_view request;
    ASSERT_TRUE(request.parse(wire));
    ending_sink sink;
    client.submit(request, sink);
    std::string preface;
    ASSERT_TRUE(client.produce(preface));
    EXPECT_FALSE(client.consume("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
    EXPECT_NE(client.error().find("broke HTTP/2"), std::string::npos) << client.error();
    client.fail_all(outcome_kind::protocol, "the server does not speak HTTP/2");
    ASSERT_EQ(sink.ends, 1);
    EXPECT_EQ(sink.outcome, outcome_kind::protocol);
}

TEST(request_view, http1_request_bytes_are_read_as_sent) {
    request_view view;
    ASSERT_TRUE(view.parse("GET /a?b=1 HTTP/1.1\r\nHost: h\r\nX-A:  v \r\n\r\nbody"));
    EXPECT_EQ(view.method, "GET");
    EXPECT_EQ(view.target, "/a?b=1");
    ASSERT_EQ(view.header_count, 2U);
    EXPECT_EQ(view.headers[1].first, "X-A");
    EXPECT_EQ(view.headers[1].second, "v");
    EXPECT_EQ(view.body, "body");
    EXPECT_FALSE(view.parse("GET /a HTTP/1.1\r\nno colon\r\n\r\n"));
    EXPECT_FALSE(view.parse("GET /a HTTP/1.1\r\nHost: h\r\n"));
}

} // namespace
} // namespace harness::http
