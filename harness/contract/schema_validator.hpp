#pragma once
// Checks Boost.JSON values against one schema of a translated contract document. Whether a value conforms is
// answered by the schema compiled once into a program (compiled_schema: no allocation, so every reply of a
// load run can be judged); valijson stays the reference and explains a value that does not conform: its
// errors become violations, the deepest ones only, each with its JSON pointer, the rule broken, what the
// schema expects and what the value has. A schema the program cannot compile is judged by valijson alone.
//
// Thread-safety: validate() is const and may be called from many threads at once (each thread keeps its own
// valijson Validator, whose regex cache is not thread-safe).

#include "compiled_schema.hpp"
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

    // valijson's violations alone, the program not asked: the reference the differential tests hold the
    // program to.
    violations reference_violations(const boost::json::value& instance) const;

    // Whether `instance` conforms; allocates nothing when the schema compiled (compiled().complete()).
    bool conforms(const boost::json::value& instance) const noexcept;

    // The program this validator answers "conforms" from.
    const compiled_schema& compiled() const noexcept;

    const std::string& schema_pointer() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace harness::contract
