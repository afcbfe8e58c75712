// Every rule of the profile is in the catalogue, with the checks that observe it; a rule no check observes is
// listed with no check and is never covered. The rules are derived from the profile: what it lists (failure
// kinds, their headers, echoed fields, epoch pointers) yields a rule each.

#include "harness/contract/contract.hpp"
#include "harness/contract/coverage_model.hpp"
#include "harness/contract/rule_catalogue.hpp"
#include "harness/json/source_document.hpp"
#include "harness/json/text_file.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

namespace harness::contract {
namespace {

// The profile key of each leaf of a profile document ("idempotency.scope"); a failure kind's status and code
// are that kind's rule, and the slo's three numbers are one budget.
void collect_keys(const boost::json::value& v, const std::string& path, std::set<std::string>& keys) {
    const bool kind_reply = path.starts_with("failures.") && std::count(path.begin(), path.end(), '.') == 1;
    if (!v.is_object() || path == "slo" || v.as_object().empty()) {
        keys.insert(path);
        return;
    }
    for (const auto& [key, child] : v.as_object()) {
        const std::string name(key);
        if (kind_reply && (name == "status" || name == "code")) {
            keys.insert(path);
            continue;
        }
        collect_keys(child, path.empty() ? name : path + "." + name, keys);
    }
}

std::map<std::string, profile_rule> by_id(const std::vector<profile_rule>& rules) {
    std::map<std::string, profile_rule> map;
    for (const profile_rule& rule : rules) {
        EXPECT_TRUE(map.emplace(rule.id, rule).second) << "duplicate rule " << rule.id;
    }
    return map;
}

TEST(rule_catalogue, every_key_of_the_bundled_profile_is_a_rule) {
    const json::source_document doc = json::source_document::parse(builtin_profile_text(), "profile.yaml");
    std::set<std::string> keys;
    collect_keys(doc.root(), "", keys);
    for (std::string_view metadata : profile_metadata_keys) {
        EXPECT_EQ(keys.erase(std::string(metadata)), 1u) << metadata;
    }
    std::set<std::string> rule_keys;
    for (const profile_rule& rule : rule_catalogue(profile::builtin())) {
        rule_keys.insert(rule.id.substr(0, rule.id.find(": ")));
    }
    for (const std::string& key : keys) {
        EXPECT_TRUE(rule_keys.contains(key)) << "the profile key " << key << " is no rule of the catalogue";
    }
    EXPECT_TRUE(keys.contains("failures.unauthenticated.headers")) << "the walk reaches the listed keys";
    EXPECT_GE(keys.size(), 25u);
}

TEST(rule_catalogue, a_rule_per_thing_the_profile_lists) {
    const auto rules = by_id(rule_catalogue(profile::builtin()));
    for (std::string_view id : {"success.echoed_fields: /itemUuid", "success.echoed_fields: /text",
                                "success.echoed_fields: /companyUuid", "time.epoch_millis: /data/createdAt",
                                "failures.method_not_allowed.headers: Allow", "failures.internal", "slo"}) {
        EXPECT_TRUE(rules.contains(std::string(id))) << id;
    }
    EXPECT_EQ(rules.at("success.echoed_fields: /text").checks.at(0).name, "echoed:/text");
    EXPECT_EQ(evidence_of(rules.at("failures.forbidden").checks.at(0)), "status in failure forbidden");
    EXPECT_EQ(rules.at("failures.internal").input, coverage_input::failing_conversation);
    EXPECT_EQ(rules.at("idempotency.on_same_payload: stored once").input, coverage_input::store_oracle);
    const profile other =
        profile::parse("success: {echoed_fields: [/text]}\n"
                       "failures: {forbidden: {status: 403, code: F, headers: [X-Reason]}}\n"
                       "slo: null\n",
                       "other.yaml");
    const auto derived = by_id(rule_catalogue(other));
    EXPECT_FALSE(derived.contains("success.echoed_fields: /itemUuid"));
    EXPECT_TRUE(derived.contains("failures.forbidden.headers: X-Reason"));
    EXPECT_FALSE(derived.contains("slo")) << "no budget, no rule to hold it";
}

TEST(rule_catalogue, a_rule_no_check_observes_lists_none_and_is_uncovered) {
    const auto rules = by_id(rule_catalogue(profile::builtin()));
    for (std::string_view id : {"idempotency.expiry_seconds", "idempotency.capacity"}) {
        const profile_rule& rule = rules.at(std::string(id));
        EXPECT_TRUE(rule.checks.empty()) << id;
        EXPECT_TRUE(rule.needs.starts_with(no_check_covers_it)) << rule.needs;
        EXPECT_EQ(rule.input, coverage_input::none) << "no input a run can give covers it";
    }
    std::size_t unchecked = 0;
    for (const auto& [id, rule] : rules) {
        unchecked += rule.checks.empty() ? 1 : 0;
    }
    EXPECT_EQ(unchecked, 2u) << "a rule lost its checks, or one gained them: say so here";
    // In the coverage model: an item of area rule with no evidence, never derivable by requests.
    const contract c = contract::builtin();
    const auto items = derive_coverage_model(c, c.operations()[0], profile::builtin());
    const auto capacity = std::find_if(items.begin(), items.end(), [](const coverage_item& i) {
        return i.id == "rule idempotency.capacity";
    });
    ASSERT_NE(capacity, items.end());
    EXPECT_EQ(capacity->area, coverage_area::rule);
    EXPECT_TRUE(capacity->evidence.empty());
    EXPECT_FALSE(capacity->needs.empty());
}

// docs/profile.md's table of the rules and their checks, as the catalogue of the bundled profile draws it.
std::string rules_table() {
    std::string table = "| rule | what it says | checks |\n|---|---|---|\n";
    for (const profile_rule& rule : rule_catalogue(profile::builtin())) {
        std::string checks;
        for (const rule_check& check : rule.checks) {
            checks += (checks.empty() ? "`" : ", `") + evidence_of(check) + "`";
        }
        table += "| `" + rule.id + "` | " + rule.description + " | " +
                 (checks.empty() ? "**" + std::string(no_check_covers_it) + "**" : checks) + " |\n";
    }
    return table;
}

TEST(rule_catalogue, docs_profile_md_lists_each_rule_with_its_checks) {
    const std::string doc = json::read_text_file(HARNESS_TEST_DATA_DIR "/../../docs/profile.md");
    const std::string begin = "<!-- rule-catalogue: begin -->\n", end = "<!-- rule-catalogue: end -->";
    const std::size_t from = doc.find(begin), to = doc.find(end);
    ASSERT_NE(from, std::string::npos);
    ASSERT_NE(to, std::string::npos);
    EXPECT_EQ(doc.substr(from + begin.size(), to - from - begin.size()), rules_table())
        << "docs/profile.md's table between the rule-catalogue markers is not the catalogue's; it should "
           "read:\n"
        << rules_table();
}

} // namespace
} // namespace harness::contract
