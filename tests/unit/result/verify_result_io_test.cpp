#include "harness/json/document_error.hpp"
#include "harness/result/verify_result_io.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <gtest/gtest.h>

namespace harness::result {
namespace {

TEST(verify_result_io, a_result_reads_back_with_its_cases_and_checks) {
    verify_result written;
    written.target = "http://127.0.0.1:1";
    written.started_at = "2026-12-04T05:00:00Z";
    case_outcome passed{
        "conformance", "stores a message", "", case_status::passed, "", {}, {}, 12, {}, false, 0, ""};
    passed.checks.push_back({"status", checks::check_status::passed, "status 200", "200", "200", "", 0});
    case_outcome failed{"auth", "no token", "", case_status::failed, "", {}, {}, 3, {}, false, 0, ""};
    failed.checks.push_back({"status", checks::check_status::failed, "status 200, expected 401", "401", "200",
                             "profile: unauthenticated", 0});
    written.cases = {passed, failed};
    const std::filesystem::path file = std::filesystem::temp_directory_path() / "verify_result_io_test.json";
    std::ofstream(file) << to_json(written);
    const verify_result read = read_verify_result(file.string());
    std::filesystem::remove(file);
    ASSERT_EQ(read.cases.size(), 2u);
    EXPECT_EQ(read.cases[1].status, case_status::failed);
    ASSERT_EQ(read.cases[1].checks.size(), 1u);
    EXPECT_EQ(read.cases[1].checks[0].expected, "401");
    EXPECT_EQ(read.cases[1].checks[0].rule, "profile: unauthenticated");
    EXPECT_EQ(read.count().failed, 1);
    EXPECT_FALSE(read.passed());
    EXPECT_EQ(read.harness_build, harness_build_text()); // the build that made the run, kept in its JSON
}

// A long request body is kept cut, on a code point boundary: a cut inside a 3-byte character would be invalid
// UTF-8, a JSON text no reader accepts (the values suite's multi-byte bodies). The values seed reads back.
TEST(verify_result_io, a_long_multibyte_body_and_the_values_seed_read_back) {
    verify_result written;
    written.values_seed = 18446744073709551615ULL;
    case_outcome sent{"values", "text: long", "", case_status::passed, "", {}, {}, 1, {}, false, 0, ""};
    http::exchange e;
    e.request.method = "POST";
    std::string body;
    for (int i = 0; i < 2000; ++i) {
        body += "字";
    }
    e.request.body = body;
    sent.exchanges.push_back(e);
    written.cases = {sent};
    const std::filesystem::path file = std::filesystem::temp_directory_path() / "verify_result_io_utf8.json";
    std::ofstream(file) << to_json(written);
    const verify_result read = read_verify_result(file.string());
    std::filesystem::remove(file);
    EXPECT_EQ(read.values_seed, written.values_seed);
}

// A rule's checks read back, so `report html verify.json` shows them; a rule no check covers keeps none.
TEST(verify_result_io, a_rule_reads_back_with_its_checks) {
    verify_result written;
    written.coverage = {
        {"rule failures.forbidden",
         "rule",
         "",
         true,
         true,
         "",
         {"status in failure forbidden", "field_errors:*"}},
        {"rule idempotency.capacity", "rule", "", false, false, "uncovered: no check covers it", {}},
        {"response 404", "response", "", true, true, "", {}}};
    const std::string text = to_json(written);
    EXPECT_NE(text.find(R"("checks":["status in failure forbidden","field_errors:*"])"), std::string::npos)
        << text;
    EXPECT_NE(text.find(R"("checks":[])"), std::string::npos) << "a rule without checks says so: " << text;
    const std::filesystem::path file = std::filesystem::temp_directory_path() / "verify_result_io_rules.json";
    std::ofstream(file) << text;
    const verify_result read = read_verify_result(file.string());
    std::filesystem::remove(file);
    ASSERT_EQ(read.coverage.size(), 3u);
    EXPECT_EQ(read.coverage[0].checks, written.coverage[0].checks);
    EXPECT_TRUE(read.coverage[1].checks.empty());
    EXPECT_EQ(read.coverage[1].why_not, "uncovered: no check covers it");
}

TEST(verify_result_io, names_the_file_it_cannot_read) {
    try {
        read_verify_result("/nonexistent/verify.json");
        FAIL() << "no error";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/verify.json"), std::string::npos) << e.what();
    }
}

TEST(verify_result_io, a_broken_result_names_the_line_and_pointer) {
    const std::filesystem::path file = std::filesystem::temp_directory_path() / "verify_result_io_broken.out";
    std::ofstream(file)
        << "{\n\"format\": \"harness.verify\",\n\"cases\": [\n {\"name\": \"a\", \"checks\": [],\n"
           "  \"exchanges\": [{\"response\": {\"status\": \"200\"}}]}\n]}\n";
    try {
        read_verify_result(file.string());
        FAIL() << "no error";
    } catch (const json::document_error& e) {
        EXPECT_EQ(e.where().file, file.string());
        EXPECT_EQ(e.where().line, 5);
        EXPECT_EQ(e.where().pointer, "/cases/0/exchanges/0/response/status");
    }
    std::ofstream(file) << "{\"format\": \"harness.load\", \"cases\": []}";
    try {
        read_verify_result(file.string());
        FAIL() << "no error";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find(": /format: not a harness.verify result"), std::string::npos)
            << e.what();
    }
    std::filesystem::remove(file);
}

} // namespace
} // namespace harness::result
