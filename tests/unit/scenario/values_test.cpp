// The values suite and its value families: valid values, one sample per seed, bodies of exact sizes.

#include "harness/contract/value_families.hpp"
#include "harness/json/utf8_text.hpp"
#include "harness/scenario/request_builder.hpp"
#include "harness/scenario/values_suite.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace harness::scenario {
namespace {

namespace hc = harness::contract;

suite values_suite(std::uint64_t seed) {
    static const auto c = hc::contract::builtin();
    static const auto p = hc::profile::builtin();
    return generate_values_suite(c, c.operations()[0], hc::derive_coverage_model(c, c.operations()[0], p), p,
                                 seed);
}

std::map<std::string, const scenario_case*> by_name(const suite& s) {
    std::map<std::string, const scenario_case*> cases;
    for (const scenario_case& c : s.cases) {
        cases[c.name] = &c;
    }
    return cases;
}

harness::target::target_spec mock_like_target() {
    harness::target::target_spec t;
    t.project = "7f3c1a2e-0b4d-4c8e-9a1f-2d3e4f5a6b7c";
    t.conversation = "5b2e8f10-6c3d-4a9e-b1f2-3c4d5e6f7a8b";
    t.company = "c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b";
    t.token = "token";
    return t;
}

// The bodies a case sends, in order, with one set of variables for the case (as the runner expands them).
std::vector<std::string> bodies(const scenario_case& c) {
    static const auto contract = hc::contract::builtin();
    static const auto profile = hc::profile::builtin();
    variables vars = target_variables(mock_like_target());
    std::vector<std::string> sent;
    for (const step& s : c.steps) {
        sent.push_back(build_request(s.request, vars, mock_like_target(), contract.operations()[0], profile)
                           .request.body);
    }
    return sent;
}

bool valid_json_string(const std::string& text) {
    // Boost.JSON's parser refuses invalid UTF-8: the text survives a round trip only when it is valid.
    boost::system::error_code ec;
    const boost::json::value back = boost::json::parse(boost::json::serialize(boost::json::string(text)), ec);
    return !ec && back.is_string() && back.as_string() == text;
}

TEST(value_families, every_value_is_a_valid_json_string_and_no_variable) {
    std::vector<hc::string_value> all = hc::sampled_values(7, 200);
    for (const hc::value_family& family : hc::value_families()) {
        all.insert(all.end(), family.values.begin(), family.values.end());
    }
    for (const hc::string_value& v : all) {
        EXPECT_TRUE(valid_json_string(v.text)) << v.label;
        EXPECT_EQ(v.text.find("${"), std::string::npos) << v.label;
    }
}

TEST(value_families, long_values_have_the_widths_they_name) {
    const auto family = std::find_if(hc::value_families().begin(), hc::value_families().end(),
                                     [](const hc::value_family& f) { return f.name == "long"; });
    ASSERT_NE(family, hc::value_families().end());
    std::vector<std::size_t> widths;
    for (const hc::string_value& v : family->values) {
        widths.push_back(json::code_points(v.text));
    }
    EXPECT_EQ(widths, (std::vector<std::size_t>{255, 256, 4001, 65536, 256, 16384}));
    EXPECT_EQ(family->values[4].text.size(), 768u);
    EXPECT_EQ(family->values[5].text.size(), 65536u);
}

TEST(value_families, one_seed_gives_one_sample) {
    const auto texts = [](std::uint64_t seed) {
        std::vector<std::string> out;
        for (const hc::string_value& v : hc::sampled_values(seed, 9)) {
            out.push_back(v.text);
        }
        return out;
    };
    EXPECT_EQ(texts(42), texts(42));
    EXPECT_NE(texts(42), texts(43));
    // A suite's values follow from its seed: the same requests but for the per-send unique parts.
    const auto sample_bodies = [](std::uint64_t seed) {
        std::vector<std::string> out = bodies(*by_name(values_suite(seed)).at("text: seeded sample"));
        EXPECT_EQ(out.size(), sampled_values_per_field);
        for (std::string& body : out) {
            body = boost::json::serialize(boost::json::parse(body).at("text"));
        }
        return out;
    };
    EXPECT_EQ(sample_bodies(42), sample_bodies(42));
    EXPECT_NE(sample_bodies(42), sample_bodies(43));
}

TEST(values_suite, every_free_string_field_gets_every_family) {
    const suite s = values_suite(1);
    const auto cases = by_name(s);
    for (const std::string field : {"itemUuid", "text", "idempotencyKey"}) {
        for (const hc::value_family& family : hc::value_families()) {
            EXPECT_EQ(cases.contains(field + ": " + family.name),
                      field != "idempotencyKey" || family.for_keys)
                << field << ": " << family.name;
        }
    }
    // The company field takes only the caller's company (profile auth.company_pointer).
    EXPECT_FALSE(cases.contains("companyUuid: astral plane"));
    ASSERT_TRUE(cases.contains("companyUuid: the caller's company"));
    EXPECT_EQ(cases.at("companyUuid: the caller's company")->requires_,
              std::vector<requirement>{requirement::company});
    const std::vector<std::string> astral = bodies(*cases.at("text: astral plane"));
    ASSERT_EQ(astral.size(), 2u);
    EXPECT_EQ(boost::json::parse(astral[0]).at("text"), "😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎𠜱");
}

TEST(values_suite, bodies_are_exactly_the_limit_and_one_byte_either_side) {
    const std::size_t limit = hc::profile::builtin().max_body_bytes;
    const suite s = values_suite(1);
    const auto cases = by_name(s);
    for (const std::size_t bytes : {limit - 1, limit, limit + 1}) {
        const scenario_case& c = *cases.at("body: " + std::to_string(bytes) + " bytes");
        ASSERT_EQ(c.steps.size(), 1u);
        EXPECT_EQ(bodies(c)[0].size(), bytes);
        EXPECT_EQ(c.steps[0].expect.failure.has_value(), bytes > limit) << bytes;
    }
}

TEST(values_suite, keys_differ_only_in_case_or_after_a_long_prefix_and_each_is_a_new_message) {
    const suite s = values_suite(1);
    const auto cases = by_name(s);
    for (const std::string name :
         {"idempotencyKey: differing only in case", "idempotencyKey: sharing a long prefix"}) {
        const scenario_case& c = *cases.at(name);
        const std::vector<std::string> sent = bodies(c);
        ASSERT_GE(sent.size(), 2u) << name;
        std::vector<std::string> keys;
        for (const std::string& body : sent) {
            boost::json::object o = boost::json::parse(body).as_object();
            keys.emplace_back(o.at("idempotencyKey").as_string());
            o.erase("idempotencyKey");
            // One payload under every key: a gateway taking two keys for one replays instead of storing.
            EXPECT_EQ(boost::json::serialize(o), [&] {
                boost::json::object first = boost::json::parse(sent[0]).as_object();
                first.erase("idempotencyKey");
                return boost::json::serialize(first);
            }()) << name;
        }
        for (std::size_t i = 1; i < keys.size(); ++i) {
            EXPECT_NE(keys[i], keys[i - 1]);
            EXPECT_EQ(c.steps[i].expect.different_data_from, c.steps[i - 1].id);
        }
        if (name.ends_with("case")) {
            std::string folded_mixed = keys[0], folded_lower = keys[1];
            std::transform(folded_mixed.begin(), folded_mixed.end(), folded_mixed.begin(),
                           [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
            EXPECT_EQ(folded_mixed, folded_lower);
        } else {
            EXPECT_GT(keys[0].size(), 300u);
            EXPECT_EQ(keys[0].substr(0, 300), keys[1].substr(0, 300));
        }
    }
}

} // namespace
} // namespace harness::scenario
