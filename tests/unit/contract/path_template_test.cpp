#include "harness/contract/contract.hpp"
#include "harness/contract/path_template.hpp"
#include "harness/json/document_error.hpp"

#include <gtest/gtest.h>

namespace harness::contract {
namespace {

const path_template& route() {
    static const path_template t = contract::builtin().operations().at(0).path;
    return t;
}

TEST(path_template, route_matches_and_extracts_both_parameters) {
    auto values = route().match("/v1/projects/p-1/livechat/conversations/c-2/messages/operator");
    ASSERT_TRUE(values);
    ASSERT_EQ(values->size(), 2u);
    EXPECT_EQ((*values)[0].name, "projectUuid");
    EXPECT_EQ((*values)[0].value, "p-1");
    EXPECT_EQ((*values)[1].name, "conversationUuid");
    EXPECT_EQ((*values)[1].value, "c-2");
}

TEST(path_template, parameters_are_percent_decoded) {
    auto values = route().match("/v1/projects/a%20b/livechat/conversations/c%2Fd/messages/operator");
    ASSERT_TRUE(values);
    EXPECT_EQ((*values)[0].value, "a b");
    EXPECT_EQ((*values)[1].value, "c/d");
}

TEST(path_template, near_misses_are_rejected) {
    for (const char* path : {
             "/v1/projects/p/livechat/conversations/c/messages/operator/",    // trailing slash
             "/v1/projects/p/livechat/conversations/c/messages",              // segment missing
             "/v1/projects/p/livechat/conversations/c/messages/operator/x",   // segment extra
             "/v1/projects//livechat/conversations/c/messages/operator",      // empty project
             "/v1/projects/p/livechat/conversations//messages/operator",      // empty conversation
             "/v1/projects/p/livechat/conversations/c/messages/Operator",     // literal case differs
             "/v2/projects/p/livechat/conversations/c/messages/operator",     // other version
             "/v1/projects/p/livechat/conversation/c/messages/operator",      // singular literal
             "v1/projects/p/livechat/conversations/c/messages/operator",      // relative
             "//v1/projects/p/livechat/conversations/c/messages/operator",    // double slash
             "/v1/projects/p%zz/livechat/conversations/c/messages/operator",  // bad escape
             "/v1/projects/p/livechat/conversations/c/messages/operator?x=1", // query left on the path
             "",
         }) {
        EXPECT_FALSE(route().match(path)) << path;
    }
}

TEST(path_template, expand_is_the_inverse_of_match) {
    const std::string path = route().expand({{"projectUuid", "p 1"}, {"conversationUuid", "c/2"}});
    EXPECT_EQ(path, "/v1/projects/p%201/livechat/conversations/c%2F2/messages/operator");
    auto values = route().match(path);
    ASSERT_TRUE(values);
    EXPECT_EQ((*values)[0].value, "p 1");
    EXPECT_EQ((*values)[1].value, "c/2");
}

TEST(path_template, malformed_templates_are_refused) {
    EXPECT_THROW(path_template("v1/x"), json::document_error);
    EXPECT_THROW(path_template("/v1/{a"), json::document_error);
    EXPECT_THROW(path_template("/v1/x{a}"), json::document_error);
    EXPECT_THROW(path_template("/v1/{}"), json::document_error);
}

TEST(contract_find, routes_by_method_and_path) {
    const contract c = contract::builtin();
    std::vector<path_parameter_value> values;
    bool path_known = false;
    EXPECT_NE(
        c.find("POST", "/v1/projects/p/livechat/conversations/c/messages/operator", values, &path_known),
        nullptr);
    EXPECT_EQ(values.size(), 2u);
    EXPECT_EQ(c.find("GET", "/v1/projects/p/livechat/conversations/c/messages/operator", values, &path_known),
              nullptr);
    EXPECT_TRUE(path_known); // a 405, not a 404
    EXPECT_EQ(c.find("POST", "/v1/projects/p/livechat", values, &path_known), nullptr);
    EXPECT_FALSE(path_known);
}

} // namespace
} // namespace harness::contract
