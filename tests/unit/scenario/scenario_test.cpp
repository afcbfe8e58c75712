// Scenario files and variables.

#include "harness/json/document_error.hpp"
#include "harness/scenario/builtin_suites.hpp"
#include "harness/scenario/request_builder.hpp"
#include "harness/scenario/scenario_loader.hpp"
#include "harness/scenario/validation_suite.hpp"
#include "harness/scenario/variables.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

namespace harness::scenario {
namespace {

int error_line(const std::string& text) {
    try {
        (void)parse_suite(text, "s.yaml");
    } catch (const json::document_error& e) {
        return e.where().line;
    }
    return -1;
}

TEST(scenario_loader, reads_every_part_of_a_step) {
    const suite s = parse_suite(R"(suite: example
cases:
  - name: one
    requires: [second_token]
    steps:
      - id: a
        repeat: 2
        concurrent: 3
        request:
          method: POST
          path: {conversationUuid: "${conversation_2}"}
          headers: {X-Trace: "1"}
          json: {itemUuid: "${uuid}"}
        expect:
          status: [200, 201]
          failure: idempotency_in_progress
          json:
            - {pointer: /success, equals: true}
            - {pointer: /data, exists: true}
            - {pointer: /error, absent: true}
            - {pointer: /data/text, matches: "^h"}
          headers: [{name: Content-Type, matches: json}]
          same_data_across_copies: true
          latency_ms: 500
          stored: 1
        capture: {message: /data/messageUuid}
      - id: b
        expect: {same_data_as: a, field_errors: [itemUuid]}
)",
                                "s.yaml");
    ASSERT_EQ(s.cases.size(), 1u);
    const scenario_case& c = s.cases[0];
    EXPECT_EQ(c.requires_, std::vector<requirement>{requirement::second_token});
    ASSERT_EQ(c.steps.size(), 2u);
    EXPECT_EQ(c.steps[0].repeat, 2);
    EXPECT_EQ(c.steps[0].concurrent, 3);
    EXPECT_EQ(c.steps[0].expect.status, (std::vector<int>{200, 201}));
    EXPECT_EQ(c.steps[0].expect.json.size(), 4u);
    EXPECT_EQ(c.steps[0].capture.at("message"), "/data/messageUuid");
    EXPECT_EQ(c.steps[1].expect.same_data_as, "a");
    EXPECT_EQ(c.steps[0].line, 6);
}

TEST(scenario_loader, errors_name_the_line) {
    EXPECT_EQ(error_line("suite: x\ncases:\n  - name: a\n    steps:\n      - expct: {}\n"), 5);
    EXPECT_EQ(error_line("suite: x\ncases:\n  - name: a\n    steps:\n      - expect: {status: 700}\n"), 5);
    EXPECT_EQ(error_line("suite: x\ncases:\n  - name: a\n    steps:\n      - expect: {same_data_as: nope}\n"),
              5);
    EXPECT_EQ(error_line("suite: x\ncases:\n  - name: a\n    steps:\n      - expect:\n          json: "
                         "[{pointer: x, exists: true}]\n"),
              6);
    EXPECT_EQ(error_line("suite: x\ncases:\n  - name: a\n    requires: [root]\n    steps: [{}]\n"), 4);
    EXPECT_EQ(error_line("suite: x\ncases:\n  - name: a\n    steps:\n      - expect: {failure: teapot}\n"),
              5);
    EXPECT_EQ(error_line("suite: x\ncases: []\n"), 2);
    EXPECT_EQ(error_line("suite: x\ncases:\n  - name: a\n    steps: [{request: {json: {}, raw: x}}]\n"), 4);
    EXPECT_GT(error_line("suite: [unterminated\n"), 0);
}

TEST(scenario_loader, shipped_suites_load) {
    const auto c = contract::contract::builtin();
    const auto p = contract::profile::builtin();
    for (const std::string& name : builtin_suite_names()) {
        EXPECT_FALSE(builtin_suite(name, c, c.operations()[0], p).cases.empty()) << name;
    }
    EXPECT_THROW(builtin_suite("nope", c, c.operations()[0], p), std::invalid_argument);
}

// Only the credentials the chosen suites use are read (a target file lists them all): those a case requires,
// and those a request names as a variable without requiring them.
TEST(credentials_used, by_the_suites_chosen) {
    const auto c = contract::contract::builtin();
    const auto p = contract::profile::builtin();
    const auto used = [&](const std::vector<std::string>& names) {
        std::vector<suite> suites;
        for (const std::string& name : names) {
            suites.push_back(builtin_suite(name, c, c.operations()[0], p));
        }
        const harness::target::credential_use u = credentials_used(suites);
        return std::string(u.second_token ? "second " : "") + (u.other_project_token ? "other " : "") +
               (u.expired_token ? "expired" : "");
    };
    EXPECT_EQ(used({}), "") << "--suite none";
    EXPECT_EQ(used({"conformance", "validation", "routing"}), "");
    EXPECT_EQ(used({"auth"}), "other expired");
    EXPECT_EQ(used({"idempotency"}), "second ");
    const suite named = parse_suite(R"(suite: mine
cases:
  - name: names the expired token without requiring it
    steps:
      - request: {headers: {Authorization: "Bearer ${expired_token}"}, json: {itemUuid: "${uuid}"}}
)",
                                    "mine.yaml");
    EXPECT_EQ(credentials_used({named}).expired_token, true);
    EXPECT_EQ(credentials_used({named}).second_token, false);
}

TEST(validation_suite, follows_the_request_schema) {
    const auto c = contract::contract::builtin();
    const auto p = contract::profile::builtin();
    const suite s = generate_validation_suite(c, contract::derive_coverage_model(c, c.operations()[0], p), p);
    std::map<std::string, const scenario_case*> by_name;
    for (const auto& k : s.cases) {
        by_name[k.name] = &k;
    }
    // 4 string fields x (valid, null, absent, 5 wrong types, empty, very long, non-ASCII), 6 pairs of bad
    // fields and all 4 together, 4 body cases
    EXPECT_EQ(s.cases.size(), 4u * 11u + 6u + 1u + 4u);
    for (const char* expected : {"itemUuid absent", "itemUuid null", "text as integer",
                                 "companyUuid as object", "idempotencyKey as boolean", "text very long",
                                 "itemUuid non-ASCII", "companyUuid + itemUuid bad together",
                                 "companyUuid + itemUuid + text + idempotencyKey bad together",
                                 "body is not JSON", "body over the size limit"}) {
        EXPECT_TRUE(by_name.contains(expected)) << expected;
    }
    // What the schema accepts is a success, what it refuses a validation failure naming the field(s).
    EXPECT_EQ(by_name.at("text null")->steps[0].expect.status, std::vector<int>{200});
    EXPECT_FALSE(by_name.at("text null")->steps[0].expect.failure);
    EXPECT_EQ(by_name.at("itemUuid null")->steps[0].expect.failure, contract::failure_kind::validation);
    EXPECT_EQ(by_name.at("itemUuid empty string")->steps[0].expect.status, std::vector<int>{200});
    EXPECT_EQ(by_name.at("companyUuid + itemUuid bad together")->steps[0].expect.field_errors,
              (std::vector<std::string>{"companyUuid", "itemUuid"}));
    EXPECT_EQ(by_name.at("text as integer")->covers, std::vector<std::string>{"field text: as integer"});
}

TEST(validation_suite, changes_with_the_contract) {
    const auto c = contract::contract::parse(R"(openapi: 3.0.3
paths:
  /v1/things/{id}:
    post:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [count, label]
              properties:
                count: {type: integer}
                label: {type: string, nullable: true}
      responses: {'200': {description: ok}}
)",
                                             "things.yaml");
    const auto p = contract::profile::builtin();
    const suite s = generate_validation_suite(c, contract::derive_coverage_model(c, c.operations()[0], p), p);
    std::map<std::string, const scenario_case*> by_name;
    for (const auto& k : s.cases) {
        by_name[k.name] = &k;
    }
    EXPECT_TRUE(by_name.at("count absent")->steps[0].expect.failure);
    EXPECT_TRUE(by_name.at("label absent")->steps[0].expect.failure);
    EXPECT_TRUE(by_name.at("count null")->steps[0].expect.failure);
    EXPECT_FALSE(by_name.at("label null")->steps[0].expect.failure); // nullable
    EXPECT_TRUE(by_name.contains("count as number"));                // 2.5 is not an integer
    EXPECT_FALSE(by_name.contains("count as integer"));
    EXPECT_FALSE(by_name.contains("count empty string")); // strings only for fields that take strings
    EXPECT_TRUE(by_name.contains("count + label bad together"));
}

TEST(variables, expand_every_kind) {
    variables vars;
    vars.set("project", "p-1");
    EXPECT_EQ(vars.expand(std::string_view("/x/${project}/y")), "/x/p-1/y");
    EXPECT_NE(vars.expand(std::string_view("${uuid}")), vars.expand(std::string_view("${uuid}")));
    EXPECT_EQ(vars.expand(std::string_view("${uuid:a}")), vars.expand(std::string_view("${uuid:a}")));
    EXPECT_EQ(vars.expand(std::string_view("${uuid:a}")).size(), 36u);
    ::setenv("HARNESS_TEST_VARIABLE", "from-env", 1);
    EXPECT_EQ(vars.expand(std::string_view("${env:HARNESS_TEST_VARIABLE}")), "from-env");
    EXPECT_GE(vars.expand(std::string_view("${text:10}")).size(), 10u);
    EXPECT_THROW(vars.expand(std::string_view("${nope}")), std::invalid_argument);
    EXPECT_THROW(vars.expand(std::string_view("${env:HARNESS_NO_SUCH_VARIABLE_X}")), std::invalid_argument);
    EXPECT_THROW(vars.expand(std::string_view("${unterminated")), std::invalid_argument);
    const boost::json::value json =
        vars.expand(boost::json::value(boost::json::object{{"k", "${project}"}, {"n", 1}}));
    EXPECT_EQ(json.at("k"), "p-1");
    EXPECT_EQ(json.at("n"), 1);
}

} // namespace
} // namespace harness::scenario
