#pragma once
// An OpenAPI path template ("/v1/projects/{projectUuid}/...") and the matching of concrete request paths
// against it. Matching is exact, segment by segment, as the gateway routes: no trailing slash, no empty
// segment, literals compared case-sensitively; parameter values are percent-decoded.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace harness::contract {

struct path_parameter_value {
    std::string name;
    std::string value;
};

class path_template {
public:
    // Throws json::document_error (without location) for a template that is not "/..." or has a malformed
    // "{...}".
    explicit path_template(std::string text);

    const std::string& text() const noexcept { return text_; }
    std::vector<std::string> parameter_names() const;

    // The parameter values when `path` (without query string) matches, else nullopt.
    std::optional<std::vector<path_parameter_value>> match(std::string_view path) const;

    // The concrete path for the given values, each percent-encoded; values missing from `values` are left as
    // "{name}".
    std::string expand(const std::vector<path_parameter_value>& values) const;

private:
    struct segment {
        std::string text; // the literal, or the parameter's name
        bool is_parameter;
    };

    std::string text_;
    std::vector<segment> segments_;
};

// Percent-decoding of one path segment; nullopt for a malformed escape.
std::optional<std::string> percent_decode(std::string_view text);
std::string percent_encode_segment(std::string_view text);

} // namespace harness::contract
