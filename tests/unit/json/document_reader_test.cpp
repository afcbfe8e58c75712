// The one document reader: JSON documents know the line of every value, as YAML ones do; typed reading fails
// with file:line and JSON pointer; optional members read as their fallback when absent or null.
#include "harness/json/document_error.hpp"
#include "harness/json/document_reader.hpp"
#include "harness/json/mapping_reader.hpp"
#include "harness/json/source_document.hpp"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace harness::json {
namespace {

// The error `fn` throws, or a default one when it throws none.
template <typename Fn>
document_error error_of(Fn fn) {
    try {
        fn();
    } catch (const document_error& e) {
        return e;
    }
    return document_error({}, "no error");
}

const std::string result_text = R"({
  "name": "run",
  "count": 12,
  "ratio": 0.5,
  "old": null,
  "nested": {
    "list": [1, 2.0, -3],
    "a/b": "slash",
    "caf\u00e9": true
  }
})";

TEST(source_document, a_json_document_knows_the_line_of_every_value) {
    const source_document doc = source_document::parse_json(result_text, "run.json");
    EXPECT_EQ(doc.locate("/name").line, 2);
    EXPECT_EQ(doc.locate("/name").column, 3);
    EXPECT_EQ(doc.locate("/nested").line, 6);
    EXPECT_EQ(doc.locate("/nested/list/2").line, 7);
    EXPECT_EQ(doc.locate("/nested/list/2").column, 22);
    EXPECT_EQ(doc.locate("/nested/a~1b").line, 8);
    EXPECT_EQ(doc.locate("/nested/café").line, 9);    // a key's escapes are undone for its pointer
    EXPECT_EQ(doc.locate("/nested/missing").line, 6); // the nearest ancestor
    EXPECT_EQ(doc.root().at("nested").at("list").at(1).as_double(), 2.0); // values are Boost.JSON's
}

TEST(source_document, a_json_name_reads_strict_json_with_lines) {
    const source_document doc = source_document::parse("{\n\"a\": {\n  \"b\": [true]}}", "doc.json");
    EXPECT_EQ(doc.locate("/a/b/0").line, 3);
    EXPECT_EQ(doc.locate("/a/b/0").column, 9);
}

TEST(source_document, refuses_broken_json_with_its_line) {
    const document_error broken = error_of([] { source_document::parse_json("{\n\"a\": 1,\n}", "x.json"); });
    EXPECT_EQ(broken.where().line, 3);
    EXPECT_NE(std::string(broken.what()).find("invalid JSON"), std::string::npos) << broken.what();
    const document_error trailing = error_of([] { source_document::parse_json("{} x", "x.json"); });
    EXPECT_NE(std::string(trailing.what()).find("invalid JSON"), std::string::npos) << trailing.what();
    const document_error twice =
        error_of([] { source_document::parse_json("{\"a\": 1,\n \"a\": 2}", "x.json"); });
    EXPECT_EQ(twice.where().line, 2);
    EXPECT_EQ(twice.where().pointer, "/a");
    EXPECT_EQ(twice.message(), "duplicate key 'a'");
}

TEST(document_error, is_an_invalid_argument_naming_file_line_and_pointer) {
    const source_document doc = source_document::parse_json(result_text, "run.json");
    const document_reader reader(doc);
    try {
        reader.fail("/nested/list/1", "too big");
        FAIL() << "no error";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "run.json:7:17: /nested/list/1: too big");
    }
}

TEST(document_reader, numbers_counts_and_lists) {
    const source_document doc = source_document::parse_json(result_text, "run.json");
    const document_reader reader(doc);
    const auto& root = doc.root().as_object();
    EXPECT_EQ(reader.count(root.at("count"), "/count"), 12u);
    EXPECT_EQ(reader.count(root.at("nested").at("list").at(1), "/nested/list/1"), 2u); // 2.0 is a count
    EXPECT_DOUBLE_EQ(reader.number(root.at("ratio"), "/ratio"), 0.5);
    EXPECT_EQ(reader.list(root.at("nested").at("list"), "/nested/list").size(), 3u);
    const document_error negative =
        error_of([&] { reader.count(root.at("nested").at("list").at(2), "/nested/list/2"); });
    EXPECT_EQ(negative.where().line, 7);
    EXPECT_EQ(negative.message(), "expected a count (a whole number of 0 or more), got -3");
    EXPECT_EQ(error_of([&] { reader.number(root.at("name"), "/name"); }).message(),
              "expected a number, got \"run\"");
    EXPECT_EQ(error_of([&] { reader.list(root.at("nested"), "/nested"); }).where().line, 6);
}

TEST(mapping_reader, required_members_name_the_missing_key_and_the_wrong_kind) {
    const source_document doc = source_document::parse_json(result_text, "run.json");
    const document_reader reader(doc);
    const mapping_reader root(reader, doc.root(), "");
    EXPECT_EQ(root.string("name"), "run");
    EXPECT_EQ(root.count("count"), 12u);
    EXPECT_TRUE(root.mapping("nested").boolean("café"));
    const document_error missing = error_of([&] { root.mapping("nested").count("size"); });
    EXPECT_EQ(missing.where().pointer, "/nested");
    EXPECT_EQ(missing.where().line, 6);
    EXPECT_EQ(missing.message(), "missing 'size'");
    const document_error wrong = error_of([&] { root.mapping("nested").string("list"); });
    EXPECT_EQ(wrong.where().pointer, "/nested/list");
    EXPECT_EQ(wrong.where().line, 7);
    EXPECT_EQ(error_of([&] { mapping_reader(reader, doc.root().at("count"), "/count"); }).message(),
              "expected a mapping");
}

TEST(mapping_reader, optional_members_read_as_the_fallback_when_absent_or_null) {
    const source_document doc = source_document::parse_json(result_text, "run.json");
    const document_reader reader(doc);
    const mapping_reader root(reader, doc.root(), "");
    EXPECT_EQ(root.string_or("absent", "default"), "default");
    EXPECT_EQ(root.string_or("old", "default"), "default"); // null
    EXPECT_FALSE(root.has("old"));
    EXPECT_EQ(root.count_or("absent", 7), 7u);
    EXPECT_EQ(root.count_or("count", 7), 12u);
    EXPECT_DOUBLE_EQ(root.number_or("ratio", 1), 0.5);
    EXPECT_TRUE(root.boolean_or("absent", true));
    // Present but of the wrong kind is an error, not the fallback: a broken file is not an old one.
    EXPECT_EQ(error_of([&] { root.count_or("name", 0); }).where().line, 2);
    EXPECT_EQ(error_of([&] { root.boolean_or("count", false); }).message(), "expected true or false");
}

TEST(mapping_reader, yaml_documents_read_the_same_way) {
    const source_document doc = source_document::parse("a: 1\nb:\n  c: [x, y]\n", "doc.yaml");
    const document_reader reader(doc);
    const mapping_reader root(reader, doc.root(), "");
    const document_error wrong = error_of([&] { root.mapping("b").count("c"); });
    EXPECT_EQ(wrong.where().line, 3);
    EXPECT_EQ(std::string(wrong.what()),
              "doc.yaml:3:3: /b/c: expected a count (a whole number of 0 or more), "
              "got [\"x\",\"y\"]");
}

} // namespace
} // namespace harness::json
