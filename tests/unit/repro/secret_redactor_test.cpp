#include "harness/repro/secret_redactor.hpp"

#include <gtest/gtest.h>

namespace {

using harness::repro::captured_request;
using harness::repro::secret_redactor;

captured_request sample() {
    captured_request r;
    r.method = "POST";
    r.url = "https://h/v1/x?access_token=query-secret-1&page=2";
    r.headers = {{"Authorization", "Basic YWxpY2U6czNjcmV0LXB3"}, // alice:s3cret-pw
                 {"Cookie", "sid=cookie-secret-2; theme=dark"},
                 {"X-Trace", "t-1"}};
    r.body = R"({"text":"hi","pin":"pin-secret-3","nested":{"pin":1234567}})";
    return r;
}

TEST(SecretRedactor, LearnsEverySecretOfACapture) {
    secret_redactor redactor;
    redactor.add_field("pin");
    redactor.learn_from(sample());
    const std::string echoed = "token query-secret-1 cookie cookie-secret-2 password s3cret-pw basic "
                               "YWxpY2U6czNjcmV0LXB3 pin pin-secret-3 "
                               "number 1234567";
    const std::string shown = redactor.text(echoed);
    for (const char* secret :
         {"query-secret-1", "cookie-secret-2", "s3cret-pw", "YWxpY2U6", "pin-secret-3", "1234567"}) {
        EXPECT_EQ(shown.find(secret), std::string::npos) << secret << " in " << shown;
    }
    EXPECT_NE(shown.find("password <redacted>"), std::string::npos) << shown;
}

TEST(SecretRedactor, CapturedRequestAndBodiesAreRedacted) {
    secret_redactor redactor;
    redactor.add_field("pin");
    redactor.learn_from(sample());
    const captured_request shown = redactor.captured(sample());
    EXPECT_EQ(shown.url, "https://h/v1/x?access_token=<redacted>&page=2");
    EXPECT_EQ(shown.headers[0].second, "Basic <redacted>");
    EXPECT_EQ(shown.headers[1].second, "sid=<redacted>; theme=<redacted>");
    EXPECT_EQ(shown.headers[2].second, "t-1");
    EXPECT_EQ(shown.body, R"({"text":"hi","pin":"<redacted>","nested":{"pin":"<redacted>"}})");
    EXPECT_EQ(redactor.body("not json pin-secret-3"), "not json <redacted>");
}

TEST(SecretRedactor, ShortValuesAreNotTreatedAsSecrets) {
    secret_redactor redactor;
    redactor.add_secret("ab");
    EXPECT_EQ(redactor.text("ab cab"), "ab cab");
    redactor.add_secret("abcd");
    EXPECT_EQ(redactor.text("xabcdx"), "x<redacted>x");
}

TEST(SecretRedactor, ExchangesLoseSecretsInEveryPart) {
    secret_redactor redactor;
    redactor.add_secret("tok-987654");
    harness::http::exchange e;
    e.request.target = "/p?token=tok-987654";
    e.request.headers = {{"Authorization", "Bearer tok-987654"}};
    e.response.headers = {{"Set-Cookie", "s=abc; Path=/"}, {"X-Echo", "tok-987654"}};
    e.response.body = R"({"echo":"tok-987654"})";
    e.error = "refused tok-987654";
    const auto shown = redactor.exchange(e);
    EXPECT_EQ(shown.request.target, "/p?token=<redacted>");
    EXPECT_EQ(shown.request.headers[0].second, "Bearer <redacted>");
    EXPECT_EQ(shown.response.headers[0].second, "s=<redacted>; Path=<redacted>");
    EXPECT_EQ(shown.response.headers[1].second, "<redacted>");
    EXPECT_EQ(shown.response.body, R"({"echo":"<redacted>"})");
    EXPECT_EQ(shown.error, "refused <redacted>");
}

} // namespace
