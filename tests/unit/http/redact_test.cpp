// A body as it may be shown (a load run's sample reply): known secrets and credential-like members redacted,
// everything else kept as it was.

#include "harness/http/redact.hpp"

#include <gtest/gtest.h>

namespace harness::http {
namespace {

TEST(redact_body, replaces_known_secrets_wherever_they_appear) {
    EXPECT_EQ(redact_body(R"({"echo":"Bearer tok-0123456789 and tok-0123456789"})", {"tok-0123456789"}),
              R"({"echo":"Bearer <redacted> and <redacted>"})");
    EXPECT_EQ(redact_body("abc abc", {"abc"}), "abc abc") << "values under 4 characters are left alone";
}

TEST(redact_body, replaces_the_values_of_members_named_like_credentials) {
    EXPECT_EQ(
        redact_body(R"({"token" : "t1", "data":{"access_token":"a\"b","password":"p"},"text":"token"})"),
        R"({"token" : "<redacted>", "data":{"access_token":"<redacted>","password":"<redacted>"},"text":"token"})");
    EXPECT_EQ(redact_body(R"({"idempotencyKey":"k-1","itemUuid":"i"})"),
              R"({"idempotencyKey":"k-1","itemUuid":"i"})");
    EXPECT_EQ(redact_body(R"({"token":5,"auth":null})"), R"({"token":5,"auth":null})")
        << "only string values";
    EXPECT_EQ(redact_body(R"(<html>"token": "x)"), R"(<html>"token": "x)") << "an unterminated value is kept";
}

} // namespace
} // namespace harness::http
