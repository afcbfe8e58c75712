#pragma once
// Local `$ref`s of an OpenAPI document: every one must point at something that exists, and no chain of refs
// (through allOf/anyOf/oneOf/not, which apply to the same value) may come back to where it started, since a
// validator would follow it forever. Recursion through properties/items is fine: each step goes one level
// deeper into a finite value.

#include "finding.hpp"
#include "harness/json/source_document.hpp"

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace harness::contract {

// Appends an error finding for each non-local, dangling or cyclic $ref in `doc`.
void check_refs(const json::source_document& doc, findings& out);

// Follows `$ref` from the value at `pointer` until a value without `$ref` is reached. Returns that value and
// sets `resolved_pointer` to where it sits; nullptr if a ref dangles or loops (check_refs reports why).
const boost::json::value* follow_refs(const boost::json::value& root, std::string_view pointer,
                                      std::string& resolved_pointer);

// The pointer part of a local ref ("#/components/schemas/X" -> "/components/schemas/X"); false if not local.
bool local_ref_pointer(std::string_view ref, std::string& pointer);

} // namespace harness::contract
