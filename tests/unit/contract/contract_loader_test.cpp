// Loading documents: ours loads, the bad ones give errors that name file, line and JSON pointer.

#include "harness/contract/contract.hpp"
#include "harness/contract/schema_describer.hpp"
#include "harness/json/document_error.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace harness::contract {
namespace {

const std::string data_dir = std::string(HARNESS_TEST_DATA_DIR) + "/contracts/";

json::document_error load_error(const std::string& file) {
    try {
        (void)contract::load(data_dir + file);
    } catch (const json::document_error& e) {
        return e;
    }
    ADD_FAILURE() << file << " loaded without an error";
    return json::document_error({}, "");
}

TEST(contract_loader, builtin_contract_models_the_endpoint) {
    const contract c = contract::builtin();
    EXPECT_TRUE(c.warnings().empty());
    ASSERT_EQ(c.operations().size(), 1u);
    const operation& op = c.operations()[0];
    EXPECT_EQ(op.method, "POST");
    EXPECT_EQ(op.path.text(),
              "/v1/projects/{projectUuid}/livechat/conversations/{conversationUuid}/messages/operator");
    ASSERT_EQ(op.parameters.size(), 2u);
    EXPECT_EQ(op.parameters[0].name, "projectUuid");
    EXPECT_EQ(op.parameters[1].name, "conversationUuid");
    for (const auto& p : op.parameters) {
        EXPECT_EQ(p.location, "path");
        EXPECT_TRUE(p.required);
    }
    ASSERT_TRUE(op.request_body && op.request_body->json);
    EXPECT_TRUE(op.request_body->required);
    EXPECT_EQ(op.request_body->json->schema_name, "LiveChatOperatorMessageGatewayRequestDTO");
    ASSERT_EQ(op.security.size(), 1u);
    EXPECT_EQ(op.security[0].type, "http");
    EXPECT_EQ(op.security[0].scheme, "bearer");
    std::vector<std::string> statuses;
    for (const auto& r : op.responses) {
        statuses.push_back(r.status);
    }
    EXPECT_EQ(statuses, (std::vector<std::string>{"200", "400", "401", "403", "404", "405", "409", "413",
                                                  "415", "422", "500", "default"}));
}

TEST(contract_loader, describer_gives_the_seed_tables) {
    const contract c = contract::builtin();
    const schema_description request =
        describe_schema(c.document(), c.operations()[0].request_body->json->schema_pointer);
    ASSERT_EQ(request.fields.size(), 4u);
    const std::vector<std::tuple<std::string, bool, bool>> expected = {{"companyUuid", false, true},
                                                                       {"itemUuid", true, false},
                                                                       {"text", false, true},
                                                                       {"idempotencyKey", false, true}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(request.fields[i].name, std::get<0>(expected[i]));
        EXPECT_EQ(request.fields[i].type, "string");
        EXPECT_EQ(request.fields[i].required, std::get<1>(expected[i])) << request.fields[i].name;
        EXPECT_EQ(request.fields[i].nullable, std::get<2>(expected[i])) << request.fields[i].name;
    }
    const schema_description error = describe_schema(c.document(), "/components/schemas/CdpErrorResponse");
    ASSERT_EQ(error.fields.size(), 7u);
    EXPECT_EQ(error.fields[5].name, "timestamp");
    EXPECT_EQ(error.fields[5].type, "integer (int64)");
    EXPECT_FALSE(error.fields[5].nullable);
    EXPECT_TRUE(describe_schema(c.document(), "/components/schemas/CdpFieldError").assumed);
}

TEST(contract_loader, bad_yaml_names_the_line) {
    const json::document_error e = load_error("bad-yaml.yaml");
    EXPECT_NE(e.where().file.find("bad-yaml.yaml"), std::string::npos);
    EXPECT_EQ(e.where().line, 8) << e.what();
    EXPECT_NE(std::string(e.what()).find("invalid YAML"), std::string::npos) << e.what();
}

TEST(contract_loader, bad_json_names_the_line) {
    const json::document_error e = load_error("bad-json.json");
    EXPECT_EQ(e.where().line, 4) << e.what();
}

TEST(contract_loader, dangling_ref_names_pointer_and_line) {
    const json::document_error e = load_error("dangling-ref.yaml");
    EXPECT_EQ(e.where().pointer, "/paths/~1v1~1items/post/requestBody/content/application~1json/schema/$ref");
    EXPECT_EQ(e.where().line, 10) << e.what();
    EXPECT_NE(e.message().find("dangling $ref"), std::string::npos) << e.what();
    EXPECT_NE(e.message().find("DoesNotExist"), std::string::npos) << e.what();
}

TEST(contract_loader, ref_cycle_is_reported_not_looped_on) {
    const json::document_error e = load_error("ref-cycle.yaml");
    EXPECT_NE(e.message().find("$ref cycle"), std::string::npos) << e.what();
    EXPECT_NE(e.message().find("/components/schemas/A"), std::string::npos) << e.what();
    EXPECT_NE(e.message().find("/components/schemas/B"), std::string::npos) << e.what();
    EXPECT_GT(e.where().line, 0) << e.what();
}

TEST(contract_loader, recursion_through_properties_is_allowed_and_validates) {
    const contract c = contract::load(data_dir + "recursive-ok.yaml");
    const auto& v = *c.operations()[0].request_body->json->validator;
    EXPECT_TRUE(
        v.validate(boost::json::parse(R"({"name":"a","children":[{"name":"b","children":[]}]})")).empty());
    const violations found = v.validate(boost::json::parse(R"({"name":"a","children":[{"children":[]}]})"));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].pointer, "/children/0/name");
    EXPECT_EQ(found[0].rule, "required");
}

TEST(contract_loader, missing_paths_is_an_error) {
    const json::document_error e = load_error("missing-paths.yaml");
    EXPECT_NE(e.message().find("missing 'paths'"), std::string::npos) << e.what();
}

TEST(contract_loader, wrong_openapi_version_is_an_error) {
    EXPECT_THROW((void)contract::parse("swagger: '2.0'\npaths: {}\n", "v2.yaml"), json::document_error);
    EXPECT_THROW((void)contract::parse("openapi: 4.0.0\npaths: {}\n", "v4.yaml"), json::document_error);
}

TEST(contract_loader, undeclared_path_parameter_is_an_error) {
    EXPECT_THROW((void)contract::parse(R"(openapi: 3.0.3
paths:
  /v1/items/{id}:
    post:
      responses: {'200': {description: ok}}
)",
                                       "undeclared.yaml"),
                 json::document_error);
}

TEST(contract_loader, unsupported_keywords_are_warnings_not_silence) {
    const contract c = contract::load(data_dir + "unsupported-keyword.yaml");
    ASSERT_EQ(c.warnings().size(), 2u);
    EXPECT_NE(c.warnings()[0].message.find("'requird'"), std::string::npos) << c.warnings()[0].to_string();
    EXPECT_EQ(c.warnings()[0].where.line, 11);
    EXPECT_NE(c.warnings()[1].message.find("format 'uuid' is not checked"), std::string::npos)
        << c.warnings()[1].to_string();
}

TEST(contract_loader, openapi_3_1_json_with_type_arrays) {
    const contract c = contract::load(data_dir + "openapi-3.1.json");
    const operation& op = c.operations().at(0);
    EXPECT_EQ(op.parameters.size(), 1u); // from the path item
    EXPECT_EQ(op.response_for(201)->status, "2XX");
    const auto& v = *op.request_body->json->validator;
    EXPECT_TRUE(v.validate(boost::json::parse(R"({"name":"x","note":null})")).empty());
    const violations found = v.validate(boost::json::parse(R"({"name":"x","note":1})"));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].expected, "string or null");
}

} // namespace
} // namespace harness::contract
