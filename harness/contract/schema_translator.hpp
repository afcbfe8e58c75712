#pragma once
// Turns the schemas of an OpenAPI 3.0/3.1 document into JSON Schema draft 7, the dialect valijson checks:
// `nullable` becomes a "null" type (or an anyOf with null), boolean exclusiveMinimum/Maximum become numbers,
// `format: int32` becomes a range, and annotations and `x-` extensions are dropped. Every keyword that is
// read but not enforced is reported as a warning; an invalid schema is reported as an error.

#include "finding.hpp"
#include "harness/json/source_document.hpp"

#include <boost/json/value.hpp>

namespace harness::contract {

enum class openapi_version { v3_0, v3_1 };

// A copy of `doc`'s root in which every schema object (components, parameters, request bodies, responses,
// headers) is translated in place, so local `$ref`s keep pointing at the same places.
boost::json::value translate_schemas(const json::source_document& doc, openapi_version version,
                                     findings& out);

} // namespace harness::contract
