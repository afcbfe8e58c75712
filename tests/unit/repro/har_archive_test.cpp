#include "harness/json/document_error.hpp"
#include "harness/repro/har_archive.hpp"
#include "tests/support/builtin_ids.hpp"

#include <gtest/gtest.h>

namespace {

using harness::repro::har_archive;

const std::string data_dir = HARNESS_TEST_DATA;

std::string header(const harness::repro::captured_request& r, const std::string& name) {
    for (const auto& [n, v] : r.headers) {
        if (n == name) {
            return v;
        }
    }
    return "(absent)";
}

template <typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(HarArchive, ListsEntriesAndMatches) {
    const auto har = har_archive::load(data_dir + "/repro/browser-session.har");
    ASSERT_EQ(har.entries().size(), 3u);
    EXPECT_EQ(har.entries()[1].number, 2u);
    EXPECT_EQ(har.entries()[1].method, "POST");
    EXPECT_EQ(har.entries()[1].status, 500);
    EXPECT_EQ(har.matching("messages/operator").size(), 1u);
    EXPECT_EQ(har.matching("GET ").size(), 2u);
}

TEST(HarArchive, ReadsAnEntryAsARequest) {
    const auto har = har_archive::load(data_dir + "/repro/browser-session.har");
    const auto r = har.request(2);
    EXPECT_EQ(r.method, "POST");
    EXPECT_TRUE(r.url.ends_with("/messages/operator?access_token=har-query-secret-77"));
    EXPECT_EQ(header(r, ":authority"), "(absent)"); // HTTP/2 pseudo-headers are not replayed
    EXPECT_EQ(header(r, "authorization"), "Bearer " + std::string(harness::testing::builtin_ids::token));
    EXPECT_EQ(header(r, "content-type"), "application/json");
    EXPECT_NE(r.body.find("Здравствуйте"), std::string::npos);
    EXPECT_NE(r.origin.find("entry 2"), std::string::npos);
}

TEST(HarArchive, FormParamsBecomeABody) {
    const auto har = har_archive::parse(R"({"log":{"version":"1.2","entries":[{"request":{"method":"POST",
        "url":"http://h/f","headers":[],"postData":{"mimeType":"application/x-www-form-urlencoded",
        "params":[{"name":"a","value":"1"},{"name":"b","value":"2"}]}}}]}})",
                                        "form.har");
    const auto r = har.request(1);
    EXPECT_EQ(r.body, "a=1&b=2");
    EXPECT_EQ(header(r, "Content-Type"), "application/x-www-form-urlencoded");
}

TEST(HarArchive, AnEntryThatIsNotHttpIsRefusedWithItsPlace) {
    const auto har = har_archive::load(data_dir + "/repro/browser-session.har");
    const std::string e = error_of([&] { har.request(3); });
    EXPECT_NE(e.find("/log/entries/2/request/url"), std::string::npos) << e;
    EXPECT_NE(e.find("not an HTTP request"), std::string::npos) << e;
    EXPECT_NE(error_of([&] { har.request(9); }).find("no entry 9 (it has 3"), std::string::npos);
    const auto ws = har_archive::parse(
        R"({"log":{"entries":[{"_resourceType":"websocket","request":{"method":"GET","url":"https://h/ws"}}]}})",
        "ws.har");
    EXPECT_NE(error_of([&] { ws.request(1); }).find("WebSocket"), std::string::npos);
}

TEST(HarArchive, MalformedFilesNameLineAndPointer) {
    const std::string broken =
        error_of([] { har_archive::parse("{\n  \"log\": {\n    \"entries\": [\n  }", "broken.har"); });
    EXPECT_NE(broken.find("broken.har:4:"), std::string::npos) << broken;
    EXPECT_NE(broken.find("invalid JSON"), std::string::npos) << broken;
    const std::string not_har = error_of([] { har_archive::parse("{\"version\": 1}", "other.har"); });
    EXPECT_NE(not_har.find("log"), std::string::npos) << not_har;
    const std::string bad_entries =
        error_of([] { har_archive::parse("{\"log\": {\"entries\": 3}}", "e.har"); });
    EXPECT_NE(bad_entries.find("/log/entries"), std::string::npos) << bad_entries;
    const auto no_method =
        har_archive::parse("{\"log\": {\"entries\": [{\"request\": {\"url\": \"http://h/\"}}]}}", "m.har");
    const std::string missing = error_of([&] { no_method.request(1); });
    EXPECT_NE(missing.find("/log/entries/0/request"), std::string::npos) << missing;
    EXPECT_NE(missing.find("method"), std::string::npos) << missing;
}

} // namespace
