// Sequences: drawn the same from the same seed; every body form writes the same payload (the same JSON values
// at the payload fields); a shrunk sequence still fails and is smaller; the examples file round-trips and
// names file and pointer when it is wrong.

#include "harness/contract/sequence_transitions.hpp"
#include "harness/explore/examples_file.hpp"
#include "harness/explore/sequence_case.hpp"
#include "harness/explore/sequence_generator.hpp"
#include "harness/explore/shrinker.hpp"
#include "harness/json/document_error.hpp"
#include "harness/json/hash.hpp"
#include "harness/json/output_file.hpp"

#include <ostream>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace harness::explore {
namespace {

namespace hc = harness::contract;

const explore_capabilities everything{true, true, true, true, 1 << 20};

bool same(const sequence& a, const sequence& b) {
    if (a.keys != b.keys || a.payloads != b.payloads || a.ops.size() != b.ops.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.ops.size(); ++i) {
        const op &x = a.ops[i], &y = b.ops[i];
        if (x.kind != y.kind || x.key != y.key || x.payload != y.payload || x.caller != y.caller ||
            x.conversation != y.conversation || x.form != y.form || x.copies != y.copies) {
            return false;
        }
    }
    return true;
}

TEST(sequence_generator, a_seed_draws_one_sequence) {
    EXPECT_TRUE(same(generate_sequence(42, everything), generate_sequence(42, everything)));
    int differing = 0;
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
        differing +=
            same(generate_sequence(seed, everything), generate_sequence(seed + 100, everything)) ? 0 : 1;
    }
    EXPECT_GT(differing, 15);
}

TEST(sequence_generator, draws_every_kind_of_step_over_many_seeds) {
    std::set<op_kind> kinds;
    std::set<body_form> forms;
    std::set<refusal> refusals;
    for (std::uint64_t seed = 0; seed < 400; ++seed) {
        for (const op& o : generate_sequence(seed, everything).ops) {
            kinds.insert(o.kind);
            forms.insert(o.form);
            if (o.kind == op_kind::refused) {
                refusals.insert(o.refused_for);
            }
        }
    }
    EXPECT_EQ(kinds.size(), op_kind_count);
    EXPECT_EQ(forms.size(), body_form_count);
    EXPECT_EQ(refusals.size(), refusal_count);
}

TEST(sequence_generator, the_tour_takes_every_transition_of_the_model) {
    const sequence_case c = make_sequence_case(tour_sequence(everything), hc::profile::builtin(), "tour");
    const std::set<std::string> taken(c.transitions.begin(), c.transitions.end());
    EXPECT_EQ(taken.size(), contract::sequence_transition::all.size());
    explore_capabilities alone;
    const sequence_case without = make_sequence_case(tour_sequence(alone), hc::profile::builtin(), "tour");
    EXPECT_EQ(std::set<std::string>(without.transitions.begin(), without.transitions.end()).size(),
              contract::sequence_transition::all.size() - 1)
        << "without a second caller or conversation, every transition but another scope's";
}

TEST(sequence_case, every_body_form_writes_the_same_payload) {
    const hc::profile& profile = hc::profile::builtin();
    sequence s;
    s.keys = {"key-ü \"q\""};
    s.payloads = {{std::nullopt, "item-1", std::string("Grüße\t<b>\"x\"</b> 👋")}};
    std::optional<std::uint64_t> first;
    for (std::size_t f = 0; f < body_form_count; ++f) {
        op o;
        o.key = 0;
        o.form = static_cast<body_form>(f);
        const std::string text = body_text(o, s, profile);
        boost::system::error_code error;
        const boost::json::value body = boost::json::parse(text, error);
        ASSERT_FALSE(error) << text;
        EXPECT_EQ(body.at("idempotencyKey"), "key-ü \"q\"") << text;
        const std::uint64_t hash = json::json_hash_at(body, profile.idempotency.payload_fields);
        if (!first) {
            first = hash;
        }
        EXPECT_EQ(hash, *first) << to_string(o.form) << ": " << text;
    }
}

TEST(shrinker, keeps_only_what_still_fails) {
    sequence s = generate_sequence(7, everything, 8, 8);
    s.ops.push_back({.kind = op_kind::burst, .key = std::nullopt, .form = body_form::spaced, .copies = 6});
    // "Fails" while some step is a burst of more than one copy.
    const auto fails = [](const sequence& c) {
        return std::any_of(c.ops.begin(), c.ops.end(),
                           [](const op& o) { return o.kind == op_kind::burst && o.copies > 1; });
    };
    const shrink_result r = shrink(s, fails);
    ASSERT_EQ(r.smallest.ops.size(), 1u);
    EXPECT_EQ(r.smallest.ops[0].copies, 2);
    EXPECT_EQ(r.smallest.ops[0].form, body_form::plain);
    EXPECT_TRUE(fails(r.smallest));
}

TEST(examples_file, round_trips_and_names_what_is_wrong) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("explore-examples-" + std::to_string(::getpid()));
    const auto file = dir / "examples.json";
    const std::vector<sequence> examples = {generate_sequence(1, everything),
                                            generate_sequence(2, everything)};
    ASSERT_FALSE(write_examples(file, examples));
    const std::vector<sequence> back = read_examples(file);
    ASSERT_EQ(back.size(), 2u);
    EXPECT_TRUE(same(back[0], examples[0]));
    EXPECT_TRUE(same(back[1], examples[1]));
    EXPECT_TRUE(read_examples(dir / "missing.json").empty());
    ASSERT_FALSE(json::write_output_file(file, "a broken examples file", [](std::ostream& out) {
        out << R"({"format": 1, "examples": [{"keys": [], "payloads": [], "ops": [{"kind": "jump"}]}]})";
    }));
    try {
        read_examples(file);
        ADD_FAILURE() << "a broken examples file was read";
    } catch (const json::document_error& e) {
        EXPECT_NE(std::string(e.what()).find("/examples/0/ops/0"), std::string::npos) << e.what();
    }
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace harness::explore
