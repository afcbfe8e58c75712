#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/repro/scenario_emitter.hpp"
#include "harness/scenario/request_builder.hpp"
#include "harness/scenario/scenario_loader.hpp"
#include "tests/support/builtin_ids.hpp"

#include <gtest/gtest.h>

namespace {

namespace hc = harness::contract;
namespace hr = harness::repro;
namespace hs = harness::scenario;

namespace ids = harness::testing::builtin_ids;

const std::string path = ids::operator_message_route();

class ScenarioEmitter : public ::testing::Test {
protected:
    hc::contract contract_ = hc::contract::builtin();
    hc::profile profile_ = hc::profile::builtin();
    const hc::operation& op() const { return *contract_.served_operation(); }

    hr::scenario_spec spec() const {
        hr::scenario_spec s;
        s.case_name = "repro: capture.har entry 2";
        s.description = "a valid request got 500";
        s.comments = {"Reproduces it", "line two\nwith a newline"};
        s.request.method = "POST";
        s.request.target = path;
        s.request.headers = {{"authorization", "Bearer <redacted>"},
                             {"content-type", "application/json"},
                             {"cookie", "sid=<redacted>"},
                             {"x-request-id", "req-${7}"}};
        s.request.body =
            "{\"itemUuid\":\"1a445d9b-6a99-4eef-955c-b83d6ab52b68\",\"text\":\"cost ${price} \\\"q\\\"\\n\"}";
        s.expect_status = {200};
        s.same_data_across_copies = true;
        s.repeat = 3;
        s.concurrent = 2;
        return s;
    }
};

TEST_F(ScenarioEmitter, RoundTripsThroughTheScenarioLoader) {
    const std::string yaml = hr::emit_scenario(spec(), op(), profile_);
    const hs::suite suite = hs::parse_suite(yaml, "scenario.yaml");
    ASSERT_EQ(suite.cases.size(), 1u);
    const hs::step& step = suite.cases[0].steps[0];
    EXPECT_EQ(step.repeat, 3);
    EXPECT_EQ(step.concurrent, 2);
    EXPECT_TRUE(step.expect.same_data_across_copies);
    EXPECT_EQ(step.expect.status, std::vector<int>{200});
    EXPECT_TRUE(step.request.default_auth);
    EXPECT_EQ(step.request.content_type, "application/json");
    // Built for a target, the request is the captured one again: literal ${ survives, the credential is the
    // target's, the secret cookie is left out.
    harness::target::target_spec target;
    target.token = "target-token";
    hs::variables vars = hs::target_variables(target);
    const auto built = hs::build_request(step.request, vars, target, op(), profile_);
    EXPECT_EQ(built.request.target, path);
    EXPECT_EQ(built.request.body, spec().request.body);
    bool auth = false, cookie = false, trace = false;
    for (const auto& [name, value] : built.request.headers) {
        auth = auth || (name == profile_.auth_header && value == "Bearer target-token");
        cookie = cookie || name == "cookie";
        trace = trace || (name == "x-request-id" && value == "req-${7}");
    }
    EXPECT_TRUE(auth);
    EXPECT_FALSE(cookie);
    EXPECT_TRUE(trace);
    EXPECT_NE(yaml.find("# left out, they carried secrets: cookie"), std::string::npos);
}

TEST_F(ScenarioEmitter, NoCredentialMeansNoAuthAndFailuresByKind) {
    hr::scenario_spec s = spec();
    s.request.headers = {{"Content-Type", "application/json"}};
    s.expect_status.clear();
    s.expect_failure = hc::failure_kind::unauthenticated;
    s.request.target = path + "?debug=1";
    const hs::suite suite = hs::parse_suite(hr::emit_scenario(s, op(), profile_), "s.yaml");
    const hs::step& step = suite.cases[0].steps[0];
    EXPECT_FALSE(step.request.default_auth);
    ASSERT_TRUE(step.expect.failure);
    EXPECT_EQ(*step.expect.failure, hc::failure_kind::unauthenticated);
    EXPECT_EQ(step.request.raw_path, path + "?debug=1");
}

// A query credential redacted in the capture is sent as verify's own token, never as the literal marker.
TEST_F(ScenarioEmitter, RedactedQueryCredentialBecomesTheTargetsToken) {
    hr::scenario_spec s = spec();
    s.request.target = path + "?access_token=<redacted>&x=1";
    const std::string yaml = hr::emit_scenario(s, op(), profile_);
    const hs::suite suite = hs::parse_suite(yaml, "s.yaml");
    const hs::step& step = suite.cases[0].steps[0];
    harness::target::target_spec target;
    target.token = "target-token";
    hs::variables vars = hs::target_variables(target);
    const auto built = hs::build_request(step.request, vars, target, op(), profile_);
    EXPECT_EQ(built.request.target, path + "?access_token=target-token&x=1") << yaml;
    EXPECT_EQ(yaml.find("<redacted>"), std::string::npos) << yaml;
}

} // namespace
