// workload_mix: `--mix KIND=WEIGHT,…` (or `all`) read into weights over the request kinds; choosing a kind
// gives each its share of the random numbers exactly; what cannot be sent or read is refused, named.

#include "harness/load/workload_mix.hpp"
#include "load_test_support.hpp"

#include <map>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace harness::load {
namespace {

namespace ids = harness::testing::builtin_ids;
using harness::result::request_kind;
using harness::result::request_kind_count;
using testing::builtin_profile;
using testing::builtin_target;

workload_mix parse(std::string_view spec, const target::target_spec& t = builtin_target()) {
    return workload_mix::parse(spec, t, builtin_profile());
}

// The message of the std::invalid_argument `spec` is refused with.
std::string refusal(std::string_view spec) {
    try {
        (void)parse(spec);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    ADD_FAILURE() << "'" << spec << "' was accepted";
    return "";
}

TEST(workload_mix, reads_kinds_and_weights_and_prints_them_back_in_kind_order) {
    const workload_mix mix = parse("no_auth=20,new=80");
    EXPECT_EQ(mix.weight(request_kind::new_message), 80U);
    EXPECT_EQ(mix.weight(request_kind::no_auth), 20U);
    EXPECT_TRUE(mix.has(request_kind::no_auth));
    EXPECT_FALSE(mix.has(request_kind::resend));
    EXPECT_EQ(mix.to_string(), "new=80,no_auth=20");
    EXPECT_EQ(parse(mix.to_string()).to_string(), mix.to_string());
    EXPECT_FALSE(parse("new=5,resend=0").has(request_kind::resend)) << "a weight of 0 sends none";
}

TEST(workload_mix, each_kind_gets_exactly_its_share_of_the_random_numbers) {
    const workload_mix mix = parse("new=6,resend=3,not_json=1");
    std::map<request_kind, int> chosen;
    for (std::uint64_t random = 0; random < 1000; ++random) {
        ++chosen[mix.choose(random)];
    }
    EXPECT_EQ(chosen[request_kind::new_message], 600);
    EXPECT_EQ(chosen[request_kind::resend], 300);
    EXPECT_EQ(chosen[request_kind::not_json], 100);
    EXPECT_EQ(chosen.size(), 3U) << "a kind without weight was chosen";
    // In kind order, by cumulative weight: [0,6) new, [6,9) resend, 9 not_json.
    EXPECT_EQ(mix.choose(5), request_kind::new_message);
    EXPECT_EQ(mix.choose(6), request_kind::resend);
    EXPECT_EQ(mix.choose(9), request_kind::not_json);
    EXPECT_EQ(mix.choose(~0ULL), mix.choose(~0ULL % 10));
}

TEST(workload_mix, all_is_every_kind_the_targets_credentials_allow) {
    const workload_mix operator_only = parse("all");
    EXPECT_FALSE(operator_only.has(request_kind::expired_token));
    EXPECT_FALSE(operator_only.has(request_kind::other_project));
    EXPECT_TRUE(operator_only.has(request_kind::other_company))
        << "the built-in profile names the company field";
    EXPECT_GT(operator_only.weight(request_kind::new_message), operator_only.weight(request_kind::no_auth))
        << "mostly stored messages";
    target::target_spec every_token = builtin_target();
    every_token.expired_token = ids::expired_token;
    every_token.other_project_token = ids::other_project_token;
    const workload_mix all = parse("all", every_token);
    for (std::size_t k = 0; k < request_kind_count; ++k) {
        EXPECT_TRUE(all.has(static_cast<request_kind>(k)))
            << harness::result::to_string(static_cast<request_kind>(k));
    }
}

TEST(workload_mix, refuses_what_it_cannot_read_naming_the_part) {
    const std::string unknown = refusal("new=80,teapot=5");
    EXPECT_NE(unknown.find("'teapot'"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("unknown_conversation"), std::string::npos) << "the kinds are listed: " << unknown;
    const std::string not_a_number = refusal("new=eighty");
    EXPECT_NE(not_a_number.find("new"), std::string::npos);
    EXPECT_NE(not_a_number.find("'eighty'"), std::string::npos) << not_a_number;
    EXPECT_NE(refusal("new").find("KIND=WEIGHT"), std::string::npos);
    EXPECT_NE(refusal("new=2000000").find("1000000"), std::string::npos);
    EXPECT_NE(refusal("new=0,resend=0").find("every weight is 0"), std::string::npos);
}

TEST(workload_mix, a_kind_the_target_cannot_send_names_what_it_needs) {
    EXPECT_NE(refusal("new=1,expired_token=1").find("--expired-token-env"), std::string::npos);
    EXPECT_NE(refusal("new=1,other_project=1").find("--other-project-token-env"), std::string::npos);
    EXPECT_TRUE(parse("new=1,expired_token=0").has(request_kind::new_message)) << "unless its weight is 0";
    contract::profile no_company = builtin_profile();
    no_company.company_pointer.clear();
    EXPECT_THROW((void)workload_mix::parse("other_company=1", builtin_target(), no_company),
                 std::invalid_argument);
}

TEST(workload_mix, a_target_files_weights_read_as_the_flag_does) {
    const workload_mix mix = workload_mix::from_weights({{"new", 90}, {"unknown_conversation", 10}},
                                                        builtin_target(), builtin_profile());
    EXPECT_EQ(mix.to_string(), "new=90,unknown_conversation=10");
    EXPECT_THROW((void)workload_mix::from_weights({{"newest", 1}}, builtin_target(), builtin_profile()),
                 std::invalid_argument);
}

} // namespace
} // namespace harness::load
