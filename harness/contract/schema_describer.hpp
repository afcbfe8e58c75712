#pragma once
// Describes an object schema of a contract document in the terms of the manifest's tables: each field's type,
// whether it is required and whether it may be null. Reads the document as written (not translated), so that
// `contract show` prints what the author wrote.

#include "harness/json/source_document.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace harness::contract {

struct field_description {
    std::string name;
    std::string type; // "string", "integer (int64)", "CdpErrorResponse", "array of CdpFieldError", "any"
    bool required = false;
    bool nullable = false;
};

struct schema_description {
    std::string name;                      // component name, or "" for an inline schema
    std::string pointer;                   // after following $refs
    std::string type;                      // the schema's own type, in the same words as a field's
    bool assumed = false;                  // x-assumed: true
    std::vector<field_description> fields; // for objects, in document order (allOf parts merged)
    std::vector<std::string> referenced;   // pointers of named schemas its fields refer to
};

schema_description describe_schema(const json::source_document& doc, std::string_view pointer);

} // namespace harness::contract
