// Target files under flags, and resolving a description into a target: tokens only from the environment.

#include "harness/json/document_error.hpp"
#include "harness/target/target_spec.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <gtest/gtest.h>

namespace harness::target {
namespace {

std::filesystem::path write_target_file(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path) << text;
    return path;
}

TEST(target_file, flags_win_over_the_file) {
    const auto file = write_target_file("target_flags_win.yaml", "url: https://gw.example.com/api\n"
                                                                 "project: p-file\n"
                                                                 "conversation: c-file\n"
                                                                 "token_env: FILE_TOKEN\n"
                                                                 "insecure: true\n"
                                                                 "response_timeout_ms: 2500\n");
    target_description flags;
    flags.project = "p-flag";
    const target_description merged = merge_target_file(file, flags);
    std::filesystem::remove(file);
    EXPECT_EQ(merged.url, "https://gw.example.com/api");
    EXPECT_EQ(merged.project, "p-flag");
    EXPECT_EQ(merged.conversation, "c-file");
    EXPECT_EQ(merged.token_env, "FILE_TOKEN");
    EXPECT_TRUE(merged.insecure);
    EXPECT_EQ(merged.response_timeout_ms, 2500);
}

int error_line_of(const std::string& text);

TEST(target_file, the_new_inputs_and_the_load_settings) {
    const auto file =
        write_target_file("target_inputs.yaml", "url: https://gw.example.com\n"
                                                "failing_conversation: c-500\n"
                                                "load_conversation: c-load\n"
                                                "store_url: https://admin/{conversation}/count\n"
                                                "store_count_pointer: /total\n"
                                                "under_load: 500:2m\n"
                                                "mix: {new: 8, no_auth: 2}\n");
    const target_description merged = merge_target_file(file, {});
    std::filesystem::remove(file);
    EXPECT_EQ(merged.failing_conversation, "c-500");
    EXPECT_EQ(merged.load_conversation, "c-load");
    EXPECT_EQ(merged.store_url, "https://admin/{conversation}/count");
    EXPECT_EQ(merged.store_count_pointer, "/total");
    EXPECT_EQ(merged.under_load, "500:2m");
    EXPECT_EQ(merged.mix, "new=8,no_auth=2");
    EXPECT_EQ(error_line_of("mix: {new: -1}\n"), 1);
}

int error_line(const std::string& text) {
    const auto file = write_target_file("target_error_line.yaml", text);
    try {
        (void)merge_target_file(file, {});
    } catch (const json::document_error& e) {
        std::filesystem::remove(file);
        return e.where().line;
    }
    std::filesystem::remove(file);
    return -1;
}

int error_line_of(const std::string& text) {
    return error_line(text);
}

TEST(target_file, refuses_tokens_and_unknown_keys_with_their_line) {
    EXPECT_EQ(error_line("url: http://x\ntoken: s3cret\n"), 2);
    EXPECT_EQ(error_line("url: http://x\nproject: p\nporject: q\n"), 3);
    EXPECT_EQ(error_line("insecure: maybe\n"), 1);
    EXPECT_EQ(error_line("connect_timeout_ms: 0\n"), 1);
}

TEST(target_file, names_the_known_keys_and_checks_values_a_flag_overrides) {
    const auto file = write_target_file("target_known_keys.yaml", "url: http://x\nporject: q\n");
    try {
        (void)merge_target_file(file, {});
        FAIL() << "no error";
    } catch (const json::document_error& e) {
        EXPECT_EQ(e.where().pointer, "/porject");
        EXPECT_NE(e.message().find("unknown key 'porject' (expected one of: url, project,"),
                  std::string::npos)
            << e.what();
    }
    std::filesystem::remove(file);
    // The flag wins, but the file is wrong either way.
    const auto wrong = write_target_file("target_wrong_kind.yaml", "project: p\nurl: [1]\n");
    target_description flags;
    flags.url = "http://flag";
    EXPECT_THROW((void)merge_target_file(wrong, flags), json::document_error);
    std::filesystem::remove(wrong);
}

TEST(resolve_target, reads_tokens_from_the_environment_only) {
    ::setenv("HARNESS_TARGET_TEST_TOKEN", "t0ken", 1);
    target_description d;
    d.url = "http://127.0.0.1:8080/base";
    d.project = "p";
    d.conversation = "c";
    d.token_env = "HARNESS_TARGET_TEST_TOKEN";
    d.connect_timeout_ms = 1234;
    const target_spec t = resolve_target(d);
    EXPECT_EQ(t.token, "t0ken");
    EXPECT_EQ(t.url.base_path, "/base");
    EXPECT_EQ(t.client.connect_timeout.count(), 1234);
    d.token_env = "HARNESS_TARGET_TEST_NO_SUCH_VARIABLE";
    EXPECT_THROW(resolve_target(d), std::invalid_argument);
    d.token_env = "HARNESS_TARGET_TEST_TOKEN";
    d.project.clear();
    EXPECT_THROW(resolve_target(d), std::invalid_argument);
    d.project = "p";
    d.url = "localhost:8080";
    EXPECT_THROW(resolve_target(d), std::invalid_argument);
}

// A target file names every credential variable, but a run reads only those its suites or mix use: one that
// is not used may name a variable that is not set; one that is used may not, and its error names the flag and
// the variable, never a value.
TEST(resolve_target, reads_only_the_credentials_the_run_uses) {
    ::setenv("HARNESS_TARGET_TEST_TOKEN", "t0ken", 1);
    ::setenv("HARNESS_TARGET_TEST_EXPIRED", "exp1red", 1);
    ::unsetenv("HARNESS_TARGET_TEST_UNSET");
    target_description d;
    d.url = "http://127.0.0.1:8080";
    d.project = "p";
    d.conversation = "c";
    d.token_env = "HARNESS_TARGET_TEST_TOKEN";
    d.second_caller_token_env = "HARNESS_TARGET_TEST_UNSET";
    d.other_project_token_env = "HARNESS_TARGET_TEST_UNSET";
    d.expired_token_env = "HARNESS_TARGET_TEST_EXPIRED";
    d.credentials = {false, false, false};
    const target_spec none = resolve_target(d);
    EXPECT_EQ(none.token, "t0ken");
    EXPECT_EQ(none.second_token, "");
    EXPECT_EQ(none.expired_token, "") << "a credential no suite uses is not read";
    d.credentials.expired_token = true;
    EXPECT_EQ(resolve_target(d).expired_token, "exp1red");
    d.credentials.other_project_token = true;
    try {
        (void)resolve_target(d);
        ADD_FAILURE() << "a used credential whose variable is not set was accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), "the other project's token: --other-project-token-env names an "
                                         "environment variable that is not set (HARNESS_TARGET_TEST_UNSET)");
    }
    d.credentials = {};
    EXPECT_THROW(resolve_target(d), std::invalid_argument) << "by default every named credential is read";
}

} // namespace
} // namespace harness::target
