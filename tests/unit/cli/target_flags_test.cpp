#include "harness/cli/target_flags.hpp"

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

namespace {

using namespace harness::cli;

void parse(CLI::App& app, std::vector<std::string> words) {
    std::reverse(words.begin(), words.end()); // CLI11 takes them last first
    app.parse(words);
}

TEST(target_flags, fill_the_description_verify_and_load_share) {
    CLI::App app;
    harness::target::target_description t;
    add_target_flags(&app, t);
    parse(app, {"--target", "https://gw.example", "--project", "p", "--conversation", "c", "--token-env",
                "TOKEN", "--timeout", "2500", "--http", "2", "--insecure"});
    EXPECT_EQ(t.url, "https://gw.example");
    EXPECT_EQ(t.project, "p");
    EXPECT_EQ(t.conversation, "c");
    EXPECT_EQ(t.token_env, "TOKEN");
    EXPECT_EQ(t.response_timeout_ms, 2500);
    EXPECT_EQ(t.http, "2");
    EXPECT_TRUE(t.insecure);
}

TEST(target_flags, refuse_an_http_version_that_is_not_one) {
    CLI::App app;
    harness::target::target_description t;
    add_target_flags(&app, t);
    EXPECT_THROW(parse(app, {"--http", "3"}), CLI::ValidationError);
}

TEST(connection_flags, tell_whether_http_was_given) {
    CLI::App app;
    harness::target::target_description t;
    bool given = false;
    add_connection_flags(&app, t, "as captured", &given);
    parse(app, {"--target", "http://x"});
    EXPECT_FALSE(given); // the capture's own version then
    CLI::App again;
    add_connection_flags(&again, t, "as captured", &given);
    parse(again, {"--http", "1.1"});
    EXPECT_TRUE(given);
    EXPECT_EQ(t.http, "1.1");
}

TEST(connection_flags, leave_identity_to_the_subcommands_that_take_it) {
    CLI::App app;
    harness::target::target_description t;
    add_connection_flags(&app, t, "");
    EXPECT_THROW(parse(app, {"--project", "p"}), CLI::ExtrasError);
}

} // namespace
