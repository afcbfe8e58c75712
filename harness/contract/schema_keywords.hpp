#pragma once
// The rewrites of one schema object's own keywords, from OpenAPI 3.0/3.1 to JSON Schema draft 7 (the dialect
// valijson checks), apart from the walk over the document and into child schemas (schema_translator.cpp),
// which calls them on every schema it reaches. Problems become findings located in the source document.

#include "finding.hpp"
#include "harness/json/source_document.hpp"
#include "schema_translator.hpp"

#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace harness::contract {

class keyword_translator {
public:
    keyword_translator(const json::source_document& doc, openapi_version version, findings& out);

    // Before the children: annotations and `x-` extensions go; unsupported keywords go with a warning.
    void drop_annotations_and_unsupported(boost::json::object& s, const std::string& pointer);
    // Before the children: keywords beside $ref are dropped (3.0) or moved into an allOf with it (3.1).
    void handle_ref_siblings(boost::json::object& s, const std::string& pointer);
    // After the children: type, format, exclusive bounds, pattern, then nullable (which may wrap `schema`
    // in an anyOf, so it comes last).
    void translate_own_keywords(boost::json::value& schema, const std::string& pointer);

    void error(const std::string& pointer, const std::string& message);
    void warning(const std::string& pointer, const std::string& message);

private:
    void check_type(boost::json::object& s, const std::string& pointer);
    void translate_format(boost::json::object& s, const std::string& pointer);
    static void translate_exclusive_bounds(boost::json::object& s, const char* exclusive_key,
                                           const char* bound_key);
    void check_pattern(boost::json::object& s, const std::string& pointer);
    void translate_nullable(boost::json::value& schema, const std::string& pointer);

    const json::source_document& doc_;
    openapi_version version_;
    findings& out_;
};

} // namespace harness::contract
