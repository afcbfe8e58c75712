#pragma once
// The one answer to "is this a JSON media type?", for a Content-Type header (replies checked by verify and
// load, requests the mock and repro judge) and for an OpenAPI content key alike, so they never disagree.

#include <string_view>

namespace harness::json {

// application/json or application/<subtype>+json (RFC 6839 structured syntax suffix), type and subtype
// case-insensitive (RFC 9110 8.3.1), parameters after ';' ignored (charset, profile), spaces and tabs around
// the type allowed. Allocation-free: the load hot path asks it for every reply.
bool is_json_media_type(std::string_view content_type) noexcept;

} // namespace harness::json
