// The nghttp2 glue both HTTP/2 sides share: a body sent from memory in pieces, header names lower-cased
// without allocating, the connection-specific fields, and two bare nghttp2 sessions (no sockets) talking
// through pump_out and pump_in, including the error for bytes that are not HTTP/2.

#include "harness/h2/h2_pump.hpp"

#include <array>
#include <vector>

#include <gtest/gtest.h>

namespace harness::h2 {
namespace {

TEST(h2_pump, copies_a_body_in_pieces_and_marks_the_last) {
    const std::string_view body = "0123456789";
    std::size_t sent = 0;
    std::array<std::uint8_t, 4> buffer{};
    std::uint32_t flags = 0;
    EXPECT_EQ(copy_body(body, sent, buffer.data(), buffer.size(), &flags), 4);
    EXPECT_EQ(as_text(buffer.data(), 4), "0123");
    EXPECT_EQ(flags, 0u);
    EXPECT_EQ(copy_body(body, sent, buffer.data(), buffer.size(), &flags), 4);
    EXPECT_EQ(flags, 0u);
    EXPECT_EQ(copy_body(body, sent, buffer.data(), buffer.size(), &flags), 2);
    EXPECT_EQ(as_text(buffer.data(), 2), "89");
    EXPECT_EQ(sent, body.size());
    EXPECT_NE(flags & NGHTTP2_DATA_FLAG_EOF, 0u);
}

TEST(h2_pump, an_empty_body_ends_at_once) {
    std::size_t sent = 0;
    std::uint8_t byte = 0;
    std::uint32_t flags = 0;
    EXPECT_EQ(copy_body({}, sent, &byte, 1, &flags), 0);
    EXPECT_NE(flags & NGHTTP2_DATA_FLAG_EOF, 0u);
}

TEST(h2_pump, lower_cases_names_within_the_capacity) {
    std::string names;
    names.reserve(64);
    const char* const before = names.data();
    append_lower(names, "Content-Type");
    append_lower(names, "X-Request-ID-9");
    EXPECT_EQ(names, "content-typex-request-id-9");
    EXPECT_EQ(names.data(), before); // no reallocation: the client's nv pairs point into this buffer
}

TEST(h2_pump, knows_the_connection_specific_fields) {
    for (const char* name :
         {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te"}) {
        EXPECT_TRUE(connection_specific(name)) << name;
    }
    for (const char* name : {"host", "content-type", "content-length", "trailer", "tex"}) {
        EXPECT_FALSE(connection_specific(name)) << name;
    }
}

TEST(h2_pump, a_pair_points_at_its_text) {
    const std::string_view name = "content-type";
    const std::string_view value = "application/json";
    const nghttp2_nv pair = nv(name, value);
    EXPECT_EQ(as_text(pair.name, pair.namelen), name);
    EXPECT_EQ(as_text(pair.value, pair.valuelen), value);
    EXPECT_EQ(pair.flags, NGHTTP2_NV_FLAG_NONE);
}

// A bare server session that records the request headers it receives.
struct server {
    nghttp2_session* session = nullptr;
    std::vector<std::string> headers;

    server() {
        nghttp2_session_callbacks* callbacks = nullptr;
        nghttp2_session_callbacks_new(&callbacks);
        nghttp2_session_callbacks_set_on_header_callback(
            callbacks,
            [](nghttp2_session*, const nghttp2_frame*, const std::uint8_t* name, std::size_t name_size,
               const std::uint8_t* value, std::size_t value_size, std::uint8_t, void* user) {
                auto& self = *static_cast<server*>(user);
                self.headers.push_back(std::string(as_text(name, name_size)) + "=" +
                                       std::string(as_text(value, value_size)));
                return 0;
            });
        nghttp2_session_server_new(&session, callbacks, this);
        nghttp2_session_callbacks_del(callbacks);
        nghttp2_submit_settings(session, NGHTTP2_FLAG_NONE, nullptr, 0);
    }
    ~server() { nghttp2_session_del(session); }
};

struct client {
    nghttp2_session* session = nullptr;

    client() {
        nghttp2_session_callbacks* callbacks = nullptr;
        nghttp2_session_callbacks_new(&callbacks);
        nghttp2_session_client_new(&session, callbacks, nullptr);
        nghttp2_session_callbacks_del(callbacks);
        nghttp2_submit_settings(session, NGHTTP2_FLAG_NONE, nullptr, 0);
    }
    ~client() { nghttp2_session_del(session); }
};

TEST(h2_pump, carries_a_request_between_two_sessions) {
    client c;
    server s;
    const std::array<nghttp2_nv, 5> request{nv(":method", "GET"), nv(":scheme", "http"),
                                            nv(":authority", "example.test"), nv(":path", "/x"),
                                            nv("accept", "text/plain")};
    ASSERT_GT(nghttp2_submit_request(c.session, nullptr, request.data(), request.size(), nullptr, nullptr),
              0);
    std::string error;
    for (int round = 0; round < 4; ++round) {
        std::string to_server;
        std::string to_client;
        ASSERT_TRUE(pump_out(c.session, to_server, error)) << error;
        ASSERT_EQ(pump_in(s.session, to_server), 0);
        ASSERT_TRUE(pump_out(s.session, to_client, error)) << error;
        ASSERT_EQ(pump_in(c.session, to_client), 0);
    }
    EXPECT_EQ(s.headers, (std::vector<std::string>{":method=GET", ":scheme=http", ":authority=example.test",
                                                   ":path=/x", "accept=text/plain"}));
    std::string nothing;
    ASSERT_TRUE(pump_out(c.session, nothing, error));
    EXPECT_TRUE(nothing.empty()); // everything went in the rounds above
}

TEST(h2_pump, appends_after_what_the_buffer_holds) {
    client c;
    std::string out = "kept";
    std::string error;
    ASSERT_TRUE(pump_out(c.session, out, error)) << error;
    EXPECT_EQ(out.substr(0, 4), "kept");
    EXPECT_EQ(out.substr(4, 24), "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"); // the client's preface follows
}

TEST(h2_pump, bytes_that_are_not_http2_are_an_error) {
    server s;
    const int code = pump_in(s.session, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_LT(code, 0);
    EXPECT_EQ(code, NGHTTP2_ERR_BAD_CLIENT_MAGIC);
}

} // namespace
} // namespace harness::h2
