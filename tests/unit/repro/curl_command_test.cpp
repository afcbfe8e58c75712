#include "harness/repro/curl_command.hpp"
#include "harness/repro/shell_words.hpp"

#include <fstream>

#include <gtest/gtest.h>

namespace {

using harness::repro::parse_curl_command;
using harness::repro::repro_input_error;
using harness::repro::split_shell_words;

std::string header(const harness::repro::captured_request& r, const std::string& name) {
    for (const auto& [n, v] : r.headers) {
        if (n == name) {
            return v;
        }
    }
    return "(absent)";
}

std::string error_of(const std::string& command) {
    try {
        parse_curl_command(command);
    } catch (const repro_input_error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(ShellWords, QuotesEscapesAndContinuations) {
    const auto words =
        split_shell_words("curl 'a b' \"c \\\"d\\\" $e\" f\\ g \\\n  $'h\\ni\\x41\\u00e9\\'' x\"y\"'z'");
    ASSERT_EQ(words.size(), 6u);
    EXPECT_EQ(words[1].text, "a b");
    EXPECT_EQ(words[2].text, "c \"d\" $e");
    EXPECT_EQ(words[3].text, "f g");
    EXPECT_EQ(words[4].text, "h\niA\xC3\xA9'");
    EXPECT_EQ(words[4].line, 2);
    EXPECT_EQ(words[5].text, "xyz");
}

TEST(ShellWords, WindowsLineEndingsContinueToo) {
    const auto words = split_shell_words("curl \\\r\n  -k \\\r\n  http://h/");
    ASSERT_EQ(words.size(), 3u);
    EXPECT_EQ(words[2].text, "http://h/");
}

TEST(ShellWords, UnterminatedQuoteNamesWhereItOpened) {
    try {
        split_shell_words("curl \\\n  -d '{\"a\":1}");
        FAIL() << "no error";
    } catch (const repro_input_error& e) {
        EXPECT_NE(std::string(e.what()).find("line 2 column 6"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("single quote"), std::string::npos);
    }
}

TEST(CurlCommand, ChromeCopyAsCurl) {
    const auto r = parse_curl_command("curl 'https://gw.example.com/v1/x' \\\n"
                                      "  -H 'accept: application/json' \\\n"
                                      "  -H 'authorization: Bearer tok-123456' \\\n"
                                      "  -H 'content-type: application/json' \\\n"
                                      "  --data-raw $'{\"text\":\"it\\'s\"}' \\\n"
                                      "  --compressed");
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.url, "https://gw.example.com/v1/x");
    EXPECT_EQ(header(r, "authorization"), "Bearer tok-123456");
    EXPECT_EQ(r.body, "{\"text\":\"it's\"}");
    EXPECT_EQ(r.notes.size(), 1u); // --compressed
}

TEST(CurlCommand, MethodUserInsecureUrlAndClusters) {
    const auto r = parse_curl_command("curl -sSk -XPUT --url http://h:8080/p -u alice:s3cret -d a=1 -d b=2");
    EXPECT_EQ(r.method, "PUT");
    EXPECT_TRUE(r.insecure);
    EXPECT_EQ(r.url, "http://h:8080/p");
    EXPECT_EQ(header(r, "Authorization"), "Basic YWxpY2U6czNjcmV0");
    EXPECT_EQ(r.body, "a=1&b=2");
    EXPECT_EQ(header(r, "Content-Type"), "application/x-www-form-urlencoded");
}

TEST(CurlCommand, DataDefaultsAndGet) {
    EXPECT_EQ(parse_curl_command("curl http://h/").method, "GET");
    EXPECT_EQ(parse_curl_command("curl h/path").url, "http://h/path");
    const auto get = parse_curl_command("curl -G http://h/p -d q=1");
    EXPECT_EQ(get.url, "http://h/p?q=1");
    EXPECT_TRUE(get.body.empty());
    const auto json = parse_curl_command("curl --json '{\"a\":1}' http://h/");
    EXPECT_EQ(json.method, "POST");
    EXPECT_EQ(header(json, "Content-Type"), "application/json");
    EXPECT_EQ(parse_curl_command("curl --data-urlencode 'q=a b&c' http://h/").body, "q=a%20b%26c");
    EXPECT_EQ(header(parse_curl_command("curl -b 'sid=abcd' http://h/"), "Cookie"), "sid=abcd");
}

TEST(CurlCommand, DataFromFile) {
    const std::string path = ::testing::TempDir() + "curl-body.json";
    std::ofstream(path) << "{\"a\":\n1}\n";
    EXPECT_EQ(parse_curl_command("curl -d @curl-body.json http://h/", ::testing::TempDir()).body,
              "{\"a\":1}");
    EXPECT_EQ(parse_curl_command("curl --data-binary @curl-body.json http://h/", ::testing::TempDir()).body,
              "{\"a\":\n1}\n");
    EXPECT_NE(
        error_of("curl -d @missing-file.json http://h/").find("cannot read data file 'missing-file.json'"),
        std::string::npos);
}

TEST(CurlCommand, BadInputIsNamedWithItsPlace) {
    EXPECT_NE(error_of("wget http://h/").find("starts with 'curl'"), std::string::npos);
    EXPECT_NE(error_of("curl -H 'no colon' http://h/").find("line 1 column 9: header 'no colon' has no ':'"),
              std::string::npos)
        << error_of("curl -H 'no colon' http://h/");
    EXPECT_NE(error_of("curl \\\n --proxy http://p http://h/").find("line 2 column 2: curl option --proxy"),
              std::string::npos)
        << error_of("curl \\\n --proxy http://p http://h/");
    EXPECT_NE(error_of("curl -X").find("-X needs a value"), std::string::npos);
    EXPECT_NE(error_of("curl -s").find("names no URL"), std::string::npos);
    EXPECT_NE(error_of("curl http://a/ http://b/").find("a second URL"), std::string::npos);
    EXPECT_NE(error_of("curl ftp://h/").find("not an http:// or https:// URL"), std::string::npos);
    EXPECT_NE(error_of("").find("empty"), std::string::npos);
    EXPECT_NE(error_of("curl -z http://h/").find("-z"), std::string::npos);
}

} // namespace
