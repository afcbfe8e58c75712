// Target URLs as users write them, and redaction of secrets in headers and queries.

#include "harness/http/redact.hpp"
#include "harness/http/target_url.hpp"

#include <gtest/gtest.h>

namespace harness::http {
namespace {

TEST(target_url, parses_what_users_write) {
    std::string error;
    auto a = parse_target_url("https://gw.example.com/api/", error);
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->tls);
    EXPECT_EQ(a->port, 443);
    EXPECT_EQ(a->base_path, "/api");
    auto b = parse_target_url("http://[::1]:8080", error);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->host, "::1");
    EXPECT_EQ(b->authority(), "[::1]:8080");
    for (const char* bad : {"ftp://x", "localhost:8080", "http://", "http://x?token=1", "not a url"}) {
        EXPECT_FALSE(parse_target_url(bad, error)) << bad;
        EXPECT_FALSE(error.empty());
    }
}

TEST(redact, secrets_never_survive) {
    EXPECT_EQ(redact_header_value("Authorization", "Bearer abc.def"), "Bearer <redacted>");
    EXPECT_EQ(redact_header_value("authorization", "abc"), "<redacted>");
    EXPECT_EQ(redact_header_value("Cookie", "a=1; session=secret"), "a=<redacted>; session=<redacted>");
    EXPECT_EQ(redact_header_value("Content-Type", "application/json"), "application/json");
    EXPECT_EQ(redact_query("/p?token=abc&x=1&access_token=z"),
              "/p?token=<redacted>&x=1&access_token=<redacted>");
    http_request r;
    r.headers = {{"Authorization", "Bearer s3cret"}, {"X-Api-Key", "k"}};
    const http_request safe = redacted(r);
    for (const auto& [name, value] : safe.headers) {
        EXPECT_EQ(value.find("s3cret"), std::string::npos);
        EXPECT_NE(value, "k");
    }
}

} // namespace
} // namespace harness::http
