// The checks made on every response accept everything the contract and profile allow, and reject what they
// do not: no false alarms, no missed violations.

#include "harness/checks/response_checks.hpp"
#include "harness/contract/contract.hpp"

#include <gtest/gtest.h>

namespace harness::checks {
namespace {

const contract::operation& operation() {
    static const contract::contract c = contract::contract::builtin();
    return c.operations().at(0);
}

http::exchange reply(int status, std::string body, std::string content_type = "application/json") {
    http::exchange e;
    e.response.status = status;
    e.response.headers = {{"Content-Type", std::move(content_type)}};
    e.response.body = std::move(body);
    return e;
}

check_outcomes run(const http::exchange& e, run_memory& memory) {
    check_outcomes out;
    check_response(operation(), parsed_reply(e, 0), {}, memory, out);
    return out;
}

std::vector<std::string> failed(const check_outcomes& out) {
    std::vector<std::string> names;
    for (const auto& o : out) {
        if (o.status == check_status::failed) {
            names.push_back(o.check + " (" + o.actual + ")");
        }
    }
    return names;
}

TEST(response_checks, accept_everything_the_contract_allows) {
    run_memory memory;
    for (const auto& [type, body] : std::vector<std::pair<std::string, std::string>>{
             {"application/json", R"({"success":true})"},
             {"application/json;charset=UTF-8", R"({"success":true,"data":null})"},
             {"application/json; charset=utf-8", R"({"success":true,"data":{"any":"thing"},"extra":[1]})"},
             {"application/problem+json", R"({"success":true,"data":"a string","error":null})"},
             {"APPLICATION/JSON", R"({"success":true,"data":[1,2,3]})"}}) {
        EXPECT_TRUE(failed(run(reply(200, body, type), memory)).empty()) << type << " " << body;
    }
    const std::string error =
        R"({"success":false,"error":{"errorId":"ID","code":"NOT_FOUND","message":"m"}})";
    EXPECT_TRUE(failed(run(reply(404, error), memory)).empty());
    const std::string full =
        R"({"success":false,"error":{"errorId":"ID2","code":"VALIDATION_ERROR","message":"m",)"
        R"("details":{},"fieldErrors":[{"field":"f","message":"m"}],"timestamp":1,"meta":{}},"x":1})";
    EXPECT_TRUE(failed(run(reply(400, full), memory)).empty());
}

TEST(response_checks, reject_what_breaks_the_contract_or_profile) {
    run_memory memory;
    auto fails_with = [&](const http::exchange& e, const std::string& check) {
        for (const auto& o : run(e, memory)) {
            if (o.check == check && o.status == check_status::failed) {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(fails_with(reply(200, R"({"success":"true"})"), "success_flag"));
    EXPECT_TRUE(fails_with(reply(200, R"({"success":false})"), "success_flag"));
    EXPECT_TRUE(fails_with(reply(200, R"({"success":true})", "text/html"), "content_type"));
    EXPECT_TRUE(fails_with(reply(200, R"({"success":)"), "json_body"));
    EXPECT_TRUE(
        fails_with(reply(418, R"({"success":false,"error":{"errorId":"a","code":"c","message":"m"}})"),
                   "status_declared"));
    EXPECT_TRUE(fails_with(reply(404, R"({"success":false})"), "error_present"));
    EXPECT_TRUE(fails_with(reply(404, R"({"success":false,"error":{"code":"c","message":"m"}})"), "schema"));
    EXPECT_TRUE(fails_with(
        reply(404, R"({"success":false,"error":{"errorId":"x","code":"c","message":"m","timestamp":"now"}})"),
        "schema"));
    const std::string same_id = R"({"success":false,"error":{"errorId":"dup","code":"c","message":"m"}})";
    EXPECT_FALSE(fails_with(reply(404, same_id), "error_id_unique"));
    EXPECT_TRUE(fails_with(reply(404, same_id), "error_id_unique"));
    http::exchange broken;
    broken.outcome = http::outcome_kind::reset;
    broken.error = "connection reset";
    EXPECT_TRUE(fails_with(broken, "transport"));
}

} // namespace
} // namespace harness::checks
