// source_document: a YAML or JSON document whose every value knows where it was written, so that errors name
// file:line and the JSON pointer; YAML's core schema gives plain scalars their types; a bad document, a bad
// file or a document nested without end is a document_error naming where.

#include "harness/json/document_error.hpp"
#include "harness/json/source_document.hpp"
#include "thrown_error.hpp"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace harness::json {
namespace {

using testing::error_of;
using testing::thrown;

const char* const profile_like = "name: gateway\n"        // 1
                                 "limits:\n"              // 2
                                 "  timeout_ms: 1500\n"   // 3
                                 "  retries: [1, 2, 3]\n" // 4
                                 "headers:\n"             // 5
                                 "  - name: X-Trace\n"    // 6
                                 "    value: \"on\"\n";   // 7

TEST(source_document, locates_every_value_by_its_pointer) {
    const source_document doc = source_document::parse(profile_like, "profile.yaml");
    EXPECT_EQ(doc.name(), "profile.yaml");
    EXPECT_EQ(doc.locate("/limits/timeout_ms").line, 3);
    EXPECT_EQ(doc.locate("/limits/retries/2").line, 4);
    EXPECT_EQ(doc.locate("/headers/0/value").line, 7);
    const source_location where = doc.locate("/headers/0/value");
    EXPECT_EQ(where.file, "profile.yaml");
    EXPECT_EQ(where.pointer, "/headers/0/value");
    EXPECT_GT(where.column, 0);
    const std::string text = where.to_string(); // "profile.yaml:7:COLUMN: /headers/0/value"
    EXPECT_EQ(text.rfind("profile.yaml:7:", 0), 0U) << text;
    EXPECT_TRUE(text.ends_with(": /headers/0/value")) << text;
}

TEST(source_document, a_pointer_to_nothing_is_located_at_its_nearest_ancestor) {
    const source_document doc = source_document::parse(profile_like, "profile.yaml");
    const source_location where = doc.locate("/limits/retries/7");
    EXPECT_EQ(where.line, 4);
    EXPECT_EQ(where.pointer, "/limits/retries/7") << "the pointer asked for is kept";
    EXPECT_EQ(doc.locate("/nothing/here").line, 1) << "the document itself";
}

TEST(source_document, plain_yaml_scalars_take_the_core_schema_types) {
    const source_document doc = source_document::parse(
        "count: 42\nquoted: \"42\"\nflag: true\nnone: ~\nratio: 1.5\nbig: .inf\n", "t.yaml");
    const boost::json::object& o = doc.root().as_object();
    EXPECT_TRUE(o.at("count").is_int64());
    EXPECT_EQ(o.at("count").as_int64(), 42);
    EXPECT_TRUE(o.at("quoted").is_string()) << "a quoted number stays text";
    EXPECT_TRUE(o.at("flag").is_bool());
    EXPECT_TRUE(o.at("none").is_null());
    EXPECT_TRUE(o.at("ratio").is_double());
    EXPECT_TRUE(o.at("big").is_string()) << ".inf has no JSON number";
}

TEST(source_document, a_yaml_syntax_error_names_file_and_line) {
    const thrown e = error_of([] { (void)source_document::parse("a: 1\nb: [1, 2\nc: 3\n", "broken.yaml"); });
    EXPECT_EQ(e.where.file, "broken.yaml");
    EXPECT_GE(e.where.line, 2) << e.what;
    EXPECT_NE(e.what.find("broken.yaml:"), std::string::npos) << e.what;
    EXPECT_NE(e.what.find("YAML"), std::string::npos) << e.what;
}

TEST(source_document, a_duplicate_key_names_its_pointer_and_line) {
    const thrown e =
        error_of([] { (void)source_document::parse("a:\n  x: 1\n  y: 2\n  x: 3\n", "dup.yaml"); });
    EXPECT_EQ(e.where.file, "dup.yaml");
    EXPECT_EQ(e.where.pointer, "/a/x");
    EXPECT_EQ(e.where.line, 4);
    EXPECT_NE(e.what.find("'x'"), std::string::npos) << e.what;
}

TEST(source_document, a_json_name_reads_strict_json_and_names_the_broken_line) {
    const source_document doc = source_document::parse(R"({"a": [1, {"b": true}]})", "result.json");
    EXPECT_TRUE(doc.root().at("a").at(1).at("b").as_bool());
    // What YAML would take (an unquoted key) is not JSON.
    const thrown e =
        error_of([] { (void)source_document::parse("{\n  \"a\": 1,\n  b: 2\n}\n", "result.json"); });
    EXPECT_EQ(e.where.file, "result.json");
    EXPECT_EQ(e.where.line, 3) << e.what;
    EXPECT_NE(e.what.find("JSON"), std::string::npos) << e.what;
}

TEST(source_document, parse_json_is_strict_whatever_the_name_and_knows_lines) {
    const source_document doc =
        source_document::parse_json("{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}\n", "x.txt");
    EXPECT_EQ(doc.root().at("b").at(0).as_int64(), 2);
    EXPECT_EQ(doc.locate("/b/0").line, 4);
    EXPECT_THROW((void)source_document::parse_json("a: 1\n", "x.yaml"), document_error);
}

TEST(source_document, a_document_nested_without_end_is_an_error_not_a_crash) {
    const std::string deep = std::string(400, '[') + std::string(400, ']');
    const thrown e = error_of([&] { (void)source_document::parse(deep, "deep.yaml"); });
    EXPECT_EQ(e.where.file, "deep.yaml");
    EXPECT_NE(e.what.find("nesting"), std::string::npos) << e.what;
}

TEST(source_document, read_names_the_file_it_read_or_could_not_read) {
    const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "source_document_test";
    std::filesystem::create_directories(dir);
    const std::filesystem::path file = dir / "fixtures.yaml";
    std::ofstream(file) << "projects:\n  - uuid: p\n";
    const source_document doc = source_document::read(file);
    EXPECT_EQ(doc.name(), file.string());
    EXPECT_EQ(doc.locate("/projects/0/uuid").file, file.string());
    EXPECT_EQ(doc.locate("/projects/0/uuid").line, 2);

    const std::filesystem::path missing = dir / "missing.yaml";
    const thrown e = error_of([&] { (void)source_document::read(missing); });
    EXPECT_EQ(e.where.file, missing.string());
    EXPECT_EQ(e.where.line, 0) << "nothing was read, so no line";
    EXPECT_NE(e.what.find("missing.yaml"), std::string::npos) << e.what;
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace harness::json
