// Rule 1 (success.echoed_fields): data echoes each request field exactly as sent. The check passes on an
// exact echo, fails on any change a storage layer or sanitiser makes (trimmed, normalised, truncated,
// re-cased), and accepts what the profile allows for a field not sent (null, absent, the caller's company).

#include "harness/checks/data_checks.hpp"
#include "harness/contract/contract.hpp"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace harness::checks {
namespace {

using namespace std::string_literals;

constexpr std::string_view company = "c0a80101-0000-4000-8000-00000000c0de";

http::exchange accepted(const boost::json::object& sent, const boost::json::object& data, int status = 200) {
    http::exchange e;
    e.outcome = http::outcome_kind::ok;
    e.request.method = "POST";
    e.request.body = boost::json::serialize(sent);
    e.response.status = status;
    e.response.body = boost::json::serialize(boost::json::object{{"success", true}, {"data", data}});
    return e;
}

check_outcomes echoes(const http::exchange& e, std::string_view caller_company = company) {
    const auto c = contract::contract::builtin();
    check_outcomes out;
    check_echoed_fields(parsed_reply(e, 0), contract::profile::builtin(), c.operations()[0], caller_company,
                        out);
    return out;
}

const check_outcome& outcome_for(const check_outcomes& out, const std::string& name) {
    const auto it =
        std::find_if(out.begin(), out.end(), [&name](const check_outcome& o) { return o.check == name; });
    EXPECT_NE(it, out.end()) << name;
    return *it;
}

check_status text_echo(const std::string& sent, const std::string& got) {
    return outcome_for(
               echoes(accepted({{"itemUuid", "i"}, {"text", sent}}, {{"itemUuid", "i"}, {"text", got}})),
               "echoed:/text")
        .status;
}

TEST(data_checks, an_exact_echo_passes_for_every_echoed_field) {
    const boost::json::object body{
        {"itemUuid", "i-1"}, {"text", "  Привет 👋 <b>\"x\"</b>\0 \t"s}, {"companyUuid", company}};
    const check_outcomes out = echoes(accepted(body, body));
    ASSERT_EQ(out.size(), 3u);
    for (const check_outcome& o : out) {
        EXPECT_EQ(o.status, check_status::passed) << o.check << ": " << o.message;
        EXPECT_NE(o.rule.find("success.echoed_fields"), std::string::npos) << o.rule;
    }
}

TEST(data_checks, a_changed_value_fails_saying_where_it_parts) {
    EXPECT_EQ(text_echo("  padded  ", "padded"), check_status::failed);  // trimmed
    EXPECT_EQ(text_echo("e\xCC\x81", "\xC3\xA9"), check_status::failed); // NFC-normalised
    EXPECT_EQ(text_echo(std::string(300, 'x'), std::string(255, 'x')), check_status::failed); // truncated
    EXPECT_EQ(text_echo("MiXed", "mixed"), check_status::failed);                             // re-cased
    EXPECT_EQ(text_echo("a\0b"s, "ab"), check_status::failed);                                // NUL dropped
    const check_outcome trimmed = outcome_for(
        echoes(accepted({{"itemUuid", "i"}, {"text", " x "}}, {{"itemUuid", "i"}, {"text", "x"}})),
        "echoed:/text");
    EXPECT_NE(trimmed.message.find("code point 0 (sent 3 code points, got 1)"), std::string::npos)
        << trimmed.message;
    EXPECT_EQ(trimmed.expected, "\" x \"");
    EXPECT_EQ(trimmed.actual, "\"x\"");
    const check_outcome lost =
        outcome_for(echoes(accepted({{"itemUuid", "i"}}, {{"text", nullptr}})), "echoed:/itemUuid");
    EXPECT_EQ(lost.status, check_status::failed);
    EXPECT_EQ(lost.actual, "absent");
}

TEST(data_checks, long_values_are_shown_cut_with_their_size) {
    const std::string sent(400 * 1024, 'y');
    const check_outcome o = outcome_for(
        echoes(accepted({{"itemUuid", "i"}, {"text", sent}}, {{"itemUuid", "i"}, {"text", sent + "z"}})),
        "echoed:/text");
    EXPECT_EQ(o.status, check_status::failed);
    EXPECT_LT(o.expected.size(), 200u);
    EXPECT_NE(o.expected.find("409602 bytes of JSON"), std::string::npos) << o.expected;
    EXPECT_NE(o.message.find("code point 409600"), std::string::npos) << o.message;
}

TEST(data_checks, a_field_not_sent_may_be_null_or_absent_and_the_company_the_callers) {
    for (const check_outcome& o :
         echoes(accepted({{"itemUuid", "i"}, {"text", nullptr}}, {{"itemUuid", "i"}, {"text", nullptr}}))) {
        EXPECT_EQ(o.status, check_status::passed) << o.check << ": " << o.message;
    }
    const auto with_company = [](std::string_view in_data, std::string_view caller) {
        return outcome_for(
                   echoes(accepted({{"itemUuid", "i"}}, {{"itemUuid", "i"}, {"companyUuid", in_data}}),
                          caller),
                   "echoed:/companyUuid")
            .status;
    };
    EXPECT_EQ(with_company(company, company), check_status::passed);
    EXPECT_EQ(with_company("another-company", company), check_status::failed);
    EXPECT_EQ(with_company("another-company", ""), check_status::passed); // the caller's company is not known
    // Only the company may be filled in: a text not sent comes back null or absent.
    EXPECT_EQ(
        outcome_for(echoes(accepted({{"itemUuid", "i"}}, {{"itemUuid", "i"}, {"text", ""}})), "echoed:/text")
            .status,
        check_status::failed);
}

TEST(data_checks, only_accepted_sends_of_the_operation_are_judged) {
    const boost::json::object sent{{"itemUuid", "i"}};
    EXPECT_TRUE(echoes(accepted(sent, {}, 400)).empty());
    http::exchange head = accepted(sent, {});
    head.request.method = "HEAD";
    EXPECT_TRUE(echoes(head).empty());
    http::exchange not_json = accepted(sent, {});
    not_json.request.body = "itemUuid=i";
    EXPECT_TRUE(echoes(not_json).empty());
}

} // namespace
} // namespace harness::checks
