// The compiled schema against valijson, its reference: for every schema of the bundled contract, of the test
// contracts and of a document that uses every compiled keyword, thousands of seeded values (random ones built
// from the schemas' own property names, and mutations of conforming ones) get the same verdict from both and
// the same failing places. A schema with a keyword the program does not compile says so and is judged by
// valijson alone. conforms() allocates nothing.

#include "bench/allocation_counter.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/schema_validator.hpp"
#include "tests/support/schema_differential.hpp"

#include <fstream>
#include <sstream>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace harness::contract {
namespace {

using boost::json::value;
namespace diff = harness::contract::testing;

std::shared_ptr<const value> keyword_document() {
    std::ifstream in(std::string(HARNESS_TEST_DATA_DIR) + "/schemas/keywords.schema.json");
    std::stringstream text;
    text << in.rdbuf();
    return std::make_shared<const value>(boost::json::parse(text.str()));
}

void expect_agreement(const schema_validator& validator, const value& document, std::uint32_t seed,
                      std::size_t& conforming, std::size_t& breaking) {
    diff::value_generator generate(document, seed);
    for (int i = 0; i < 1500; ++i) {
        const value instance = generate.next(validator.schema_pointer());
        const auto verdict = diff::compare(validator, instance);
        if (!verdict.agree) {
            ADD_FAILURE() << validator.schema_pointer() << " seed " << seed << " value "
                          << boost::json::serialize(instance) << ": " << verdict.explanation;
            return;
        }
        (verdict.conforms ? conforming : breaking) += verdict.judged ? 1 : 0;
    }
}

TEST(compiled_schema, agrees_with_valijson_on_every_keyword) {
    const auto document = keyword_document();
    for (const char* name : {"typed", "bounded", "choice", "constant", "patterned", "list", "closed", "open",
                             "either", "exactly_one", "both", "tree", "root"}) {
        const schema_validator validator(document, std::string("/definitions/") + name);
        ASSERT_TRUE(validator.compiled().complete()) << name << ": " << validator.compiled().missing();
        std::size_t conforming = 0, breaking = 0;
        for (std::uint32_t seed = 1; seed <= 3; ++seed) {
            expect_agreement(validator, *document, seed, conforming, breaking);
        }
        // Both verdicts are reached often, or the agreement would say little.
        EXPECT_GT(conforming, 30U) << name;
        EXPECT_GT(breaking, 30U) << name;
    }
}

TEST(compiled_schema, agrees_with_valijson_on_the_bundled_and_test_contracts) {
    std::vector<contract> contracts;
    contracts.push_back(contract::builtin());
    for (const char* file : {"minimal-template.yaml", "openapi-3.1.json", "recursive-ok.yaml",
                             "with-429-and-priority.openapi.yaml"}) {
        contracts.push_back(contract::load(std::string(HARNESS_TEST_DATA_DIR) + "/contracts/" + file));
    }
    for (const contract& c : contracts) {
        for (const schema_validator* validator : diff::validators_of(c)) {
            ASSERT_TRUE(validator->compiled().complete())
                << c.source_name() << validator->schema_pointer() << ": " << validator->compiled().missing();
            std::size_t conforming = 0, breaking = 0;
            expect_agreement(*validator, c.document().root(), 7, conforming, breaking);
            EXPECT_GT(breaking, 0U) << c.source_name() << validator->schema_pointer();
        }
    }
}

TEST(compiled_schema, names_the_first_keyword_it_does_not_compile_and_leaves_it_to_valijson) {
    const auto document = std::make_shared<const value>(boost::json::parse(
        R"({"s": {"type": "object", "properties": {"n": {"type": "integer", "multipleOf": 3}}}})"));
    const schema_validator validator(document, "/s");
    EXPECT_FALSE(validator.compiled().complete());
    EXPECT_EQ(validator.compiled().missing(), "'multipleOf' at /s/properties/n");
    EXPECT_TRUE(validator.conforms(boost::json::parse(R"({"n": 9})")));
    EXPECT_FALSE(validator.conforms(boost::json::parse(R"({"n": 10})")));
    EXPECT_EQ(validator.validate(boost::json::parse(R"({"n": 10})")).at(0).pointer, "/n");
}

TEST(compiled_schema, reports_the_deepest_places_as_valijson_does) {
    const auto document = keyword_document();
    const schema_validator validator(document, "/definitions/closed");
    const value instance =
        boost::json::parse(R"({"id": "x", "tags": [1, "toolong"], "extra": 1, "more": 2})");
    const auto found = validator.compiled().failures(instance);
    std::vector<std::string> pointers;
    for (const auto& f : found) {
        pointers.push_back(f.pointer);
    }
    // Only the first undeclared property is named, as valijson names it; "kind" is missing.
    EXPECT_EQ(pointers, (std::vector<std::string>{"/extra", "/id", "/kind", "/tags/1"}));
    EXPECT_TRUE(diff::compare(validator, instance).agree);
}

TEST(compiled_schema, conforms_allocates_nothing) {
    const contract c = contract::builtin();
    const schema_validator& validator = *c.operations().at(0).response_for(200)->json->validator;
    const value reply = boost::json::parse(
        R"({"success":true,"data":{"messageUuid":"m","text":"t","createdAt":1},"error":null})");
    const value failure = boost::json::parse(
        R"({"success":false,"data":null,"error":{"errorId":"e","code":"c","message":"m","details":{"a":1}}})");
    const schema_validator& failure_validator = *c.operations().at(0).response_for(422)->json->validator;
    ASSERT_TRUE(validator.conforms(reply));
    ASSERT_TRUE(failure_validator.conforms(failure));
    const auto before = harness::bench::allocation_count();
    bool all = true;
    for (int i = 0; i < 1000; ++i) {
        all = all && validator.conforms(reply) && failure_validator.conforms(failure) &&
              validator.validate(reply).empty();
    }
    EXPECT_TRUE(all);
    EXPECT_EQ(harness::bench::allocation_count() - before, 0U);
}

} // namespace
} // namespace harness::contract
