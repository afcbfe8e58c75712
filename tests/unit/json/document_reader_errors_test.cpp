// document_reader: typed reads of a document's values, and for every value of the wrong kind an error naming
// the file, the line the value was written on and its JSON pointer.

#include "harness/json/document_reader.hpp"
#include "thrown_error.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace harness::json {
namespace {

using testing::error_of;
using testing::thrown;

const char* const target_like = "target:\n"                      // 1
                                "  url: http://127.0.0.1:8080\n" // 2
                                "  rate: 500\n"                  // 3
                                "  tls: true\n"                  // 4
                                "  labels: [a, '', c]\n"         // 5
                                "  id: 42\n"                     // 6
                                "  name: ''\n"                   // 7
                                "  extra: 1\n";                  // 8

struct reading {
    source_document doc = source_document::parse(target_like, "target.yaml");
    document_reader reader{doc};
    const boost::json::object& target() const { return reader.mapping(doc.root().at("target"), "/target"); }
    const boost::json::value& at(std::string_view key) const { return target().at(key); }
};

TEST(document_reader, reads_each_kind_of_value) {
    const reading r;
    EXPECT_EQ(&r.reader.document(), &r.doc);
    EXPECT_EQ(r.reader.string(r.reader.member(r.target(), "/target", "url"), "/target/url"),
              "http://127.0.0.1:8080");
    EXPECT_EQ(r.reader.integer(r.at("rate"), "/target/rate", 1, 1000), 500);
    EXPECT_TRUE(r.reader.boolean(r.at("tls"), "/target/tls"));
    EXPECT_EQ(r.reader.string(r.at("name"), "/target/name", true), "") << "an empty string where allowed";
    // Ids and header values may be written as numbers or booleans: read as their text where allowed.
    EXPECT_EQ(r.reader.string(r.at("id"), "/target/id", false, true), "42");
    EXPECT_EQ(r.reader.string(r.at("tls"), "/target/tls", false, true), "true");
    r.reader.only_keys(r.target(), "/target", {"url", "rate", "tls", "labels", "id", "name", "extra"});
}

TEST(document_reader, a_value_of_the_wrong_kind_names_file_line_and_pointer) {
    const reading r;
    const thrown not_a_string = error_of([&] { (void)r.reader.string(r.at("rate"), "/target/rate"); });
    EXPECT_EQ(not_a_string.where.file, "target.yaml");
    EXPECT_EQ(not_a_string.where.line, 3);
    EXPECT_EQ(not_a_string.where.pointer, "/target/rate");
    EXPECT_EQ(not_a_string.what.rfind("target.yaml:3:", 0), 0U) << not_a_string.what;
    EXPECT_NE(not_a_string.what.find("/target/rate"), std::string::npos) << not_a_string.what;

    const thrown not_a_mapping = error_of([&] { (void)r.reader.mapping(r.at("url"), "/target/url"); });
    EXPECT_EQ(not_a_mapping.where.line, 2);
    EXPECT_EQ(not_a_mapping.where.pointer, "/target/url");
    const thrown not_a_flag = error_of([&] { (void)r.reader.boolean(r.at("url"), "/target/url"); });
    EXPECT_EQ(not_a_flag.where.line, 2);
    const thrown empty = error_of([&] { (void)r.reader.string(r.at("name"), "/target/name"); });
    EXPECT_EQ(empty.where.line, 7) << "an empty string where one is needed";
    const thrown scalar = error_of([&] { (void)r.reader.string(r.at("id"), "/target/id"); });
    EXPECT_EQ(scalar.where.line, 6) << "a number where text is needed, without allow_scalars";
}

TEST(document_reader, a_number_out_of_range_names_the_range) {
    const reading r;
    const thrown e = error_of([&] { (void)r.reader.integer(r.at("rate"), "/target/rate", 1, 100); });
    EXPECT_EQ(e.where.line, 3);
    EXPECT_EQ(e.where.pointer, "/target/rate");
    EXPECT_NE(e.what.find("1"), std::string::npos);
    EXPECT_NE(e.what.find("100"), std::string::npos) << e.what;
    EXPECT_EQ(r.reader.integer(r.at("rate"), "/target/rate", 500, 500), 500) << "the bounds are inclusive";
}

TEST(document_reader, a_missing_member_names_the_key_and_its_mapping) {
    const reading r;
    const thrown e = error_of([&] { (void)r.reader.member(r.target(), "/target", "token_env"); });
    EXPECT_EQ(e.where.pointer, "/target");
    EXPECT_EQ(e.where.line, 1);
    EXPECT_NE(e.what.find("token_env"), std::string::npos) << e.what;
}

TEST(document_reader, a_list_names_the_item_that_is_wrong) {
    const reading r;
    const thrown e = error_of([&] { (void)r.reader.strings(r.at("labels"), "/target/labels"); });
    EXPECT_EQ(e.where.pointer, "/target/labels/1");
    EXPECT_EQ(e.where.line, 5);
    const source_document doc = source_document::parse("labels: [a, b]\n", "l.yaml");
    EXPECT_EQ(document_reader(doc).strings(doc.root().at("labels"), "/labels"),
              (std::vector<std::string>{"a", "b"}));
    const thrown not_a_list = error_of([&] { (void)r.reader.strings(r.at("url"), "/target/url"); });
    EXPECT_EQ(not_a_list.where.pointer, "/target/url");
}

TEST(document_reader, an_unknown_key_is_named_with_the_keys_allowed) {
    const reading r;
    const thrown e = error_of([&] {
        r.reader.only_keys(r.target(), "/target", {"url", "rate", "tls", "labels", "id", "name"});
    });
    EXPECT_EQ(e.where.pointer, "/target/extra");
    EXPECT_EQ(e.where.line, 8);
    EXPECT_NE(e.what.find("'extra'"), std::string::npos) << e.what;
    for (const char* allowed : {"url", "rate", "labels"}) {
        EXPECT_NE(e.what.find(allowed, e.what.find("'extra'")), std::string::npos)
            << allowed << ": " << e.what;
    }
}

TEST(document_reader, fail_points_where_it_is_told) {
    const reading r;
    const thrown e = error_of([&] { r.reader.fail("/target/labels/2", "a label may not be 'c'"); });
    EXPECT_EQ(e.where.file, "target.yaml");
    EXPECT_EQ(e.where.line, 5);
    EXPECT_EQ(e.where.pointer, "/target/labels/2");
    EXPECT_NE(e.what.find("a label may not be 'c'"), std::string::npos) << e.what;
}

} // namespace
} // namespace harness::json
