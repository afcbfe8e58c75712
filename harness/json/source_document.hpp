#pragma once
// A YAML or JSON document read into a Boost.JSON value, remembering where each value came from, so that every
// later error can name file, line and JSON pointer.

#include "document_error.hpp"
#include "json_position_scanner.hpp"

#include <filesystem>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace harness::json {

class source_document {
public:
    // Parses YAML (1.2 core schema, which includes JSON) or, when `name` ends in ".json", strict JSON.
    // Throws document_error with the line and column of a syntax error.
    static source_document parse(std::string_view text, std::string name);

    // Strict JSON whatever the name (a syntax error is named as invalid JSON with its line and column), with
    // the line of every value known as for YAML. A key written twice in one object is an error, as in YAML.
    static source_document parse_json(std::string_view text, std::string name);

    // Reads and parses a file (as `parse` does, by its name). Throws document_error (with no line) when it
    // cannot be read.
    static source_document read(const std::filesystem::path& path);

    // Reads a file as strict JSON whatever its name (results written to any path).
    static source_document read_json(const std::filesystem::path& path);

    const std::string& name() const noexcept { return name_; }
    const boost::json::value& root() const noexcept { return root_; }

    // Where the value at `pointer` was written; falls back to the nearest ancestor whose position is known.
    source_location locate(std::string_view pointer) const;

private:
    friend class yaml_converter;

    std::string name_;
    boost::json::value root_;
    text_positions positions_;
};

} // namespace harness::json
