#include "harness/cli/typo_hints.hpp"

#include <gtest/gtest.h>

namespace {

using namespace harness::cli;

TEST(closest, names_the_nearest_candidate_within_reach) {
    const std::vector<std::string> words = {"verify", "load", "repro", "report", "mock", "contract"};
    EXPECT_EQ(closest("verfy", words), "verify");
    EXPECT_EQ(closest("lod", words), "load");
    EXPECT_EQ(closest("raport", words), "report");
    EXPECT_EQ(closest("reprot", words), "repro"); // one letter away, where "report" is two
    EXPECT_EQ(closest("zzzzzzzz", words), "");    // nothing close: no guess
}

// A small command tree like the binary's: a subcommand with a flag.
struct tree {
    CLI::App app{"test"};
    std::string target;
    tree() {
        app.require_subcommand(1);
        CLI::App* verify = app.add_subcommand("verify", "");
        verify->add_option("--target", target, "");
        app.add_subcommand("load", "");
    }
};

std::optional<std::string> explain(const tree& t, std::vector<const char*> argv) {
    argv.insert(argv.begin(), "harness");
    return explain_unknown_words(t.app, static_cast<int>(argv.size()), argv.data());
}

TEST(explain_unknown_words, names_a_typo_in_a_subcommand_with_the_closest_one) {
    const tree t;
    const auto said = explain(t, {"verfy"});
    ASSERT_TRUE(said.has_value());
    EXPECT_NE(said->find("'verfy'"), std::string::npos) << *said;
    EXPECT_NE(said->find("'verify'"), std::string::npos) << *said;
}

TEST(explain_unknown_words, names_a_typo_in_a_flag_of_the_subcommand) {
    const tree t;
    const auto said = explain(t, {"verify", "--traget", "http://x"});
    ASSERT_TRUE(said.has_value());
    EXPECT_NE(said->find("--traget"), std::string::npos) << *said;
    EXPECT_NE(said->find("--target"), std::string::npos) << *said;
}

TEST(explain_unknown_words, says_nothing_when_every_word_is_known) {
    const tree t;
    EXPECT_FALSE(explain(t, {"verify", "--target", "http://x"}).has_value());
}

} // namespace
