// `contract show` of the built-in contract's operation: method and path, its operationId and security, the
// parameters, a row per response status and each schema's fields with type, required and nullable.

#include "harness/contract/contract.hpp"
#include "report_samples.hpp"
#include "reports/contract_writer.hpp"

#include <regex>
#include <sstream>

#include <gtest/gtest.h>

namespace harness::reports {
namespace {

using testing::has_line;

std::string shown() {
    const contract::contract c = contract::contract::builtin();
    std::ostringstream out;
    write_contract_operation(c, *c.served_operation(), out);
    return out.str();
}

TEST(contract_writer, shows_the_operation_its_parameters_and_responses) {
    const std::string text = shown();
    EXPECT_TRUE(has_line(text,
                         "POST /v1/projects/{projectUuid}/livechat/conversations/{conversationUuid}/messages/"
                         "operator"))
        << text;
    EXPECT_TRUE(has_line(text, "  security     bearerAuth (http bearer)")) << text;
    EXPECT_TRUE(std::regex_search(text, std::regex("\n  projectUuid +path +string +yes +no\n"))) << text;
    EXPECT_TRUE(std::regex_search(text, std::regex("\n  401 +FailureEnvelope +yes +[^\n]*token")));
    EXPECT_TRUE(std::regex_search(text, std::regex("\n  200 +ResponseWrapper +no +")));
}

TEST(contract_writer, each_schema_field_with_type_required_and_nullable) {
    const std::string text = shown();
    EXPECT_TRUE(has_line(text, "schema LiveChatOperatorMessageGatewayRequestDTO"));
    EXPECT_TRUE(std::regex_search(text, std::regex("\n  itemUuid +string +yes +no\n"))) << text;
    EXPECT_TRUE(std::regex_search(text, std::regex("\n  companyUuid +string +no +yes\n")));
    EXPECT_TRUE(std::regex_search(text, std::regex("\n  success +boolean +yes +no\n")));
}

} // namespace
} // namespace harness::reports
