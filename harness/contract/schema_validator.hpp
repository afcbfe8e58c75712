#pragma once
// Checks Boost.JSON values against one schema of a translated contract document with valijson, and turns
// valijson's errors into violations: the deepest ones only, each with its JSON pointer, the rule broken, what
// the schema expects and what the value has.
//
// Thread-safety: validate() is const and may be called from many threads at once (each thread keeps its own
// valijson Validator, whose regex cache is not thread-safe).

#include "violation.hpp"

#include <memory>
#include <string>

#include <boost/json/value.hpp>

namespace harness::contract {

class schema_validator {
public:
    // `document` is a translated contract (see schema_translator); `schema_pointer` is where the schema sits.
    // Throws json::document_error when valijson cannot read the schema.
    schema_validator(std::shared_ptr<const boost::json::value> document, std::string schema_pointer);
    ~schema_validator();
    schema_validator(const schema_validator&) = delete;
    schema_validator& operator=(const schema_validator&) = delete;

    // Empty when `instance` conforms.
    violations validate(const boost::json::value& instance) const;

    const std::string& schema_pointer() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace harness::contract
