#pragma once
// One schema of a translated contract document (JSON Schema draft 7, see schema_translator) compiled once
// into a flat program: a vector of nodes whose $refs are indices, whose property names, bounds and enum
// values are read out of the document ahead of time. Judging a parsed value walks that program and allocates
// nothing, so the load generator and the mock can judge every reply and request with it.
//
// valijson stays the reference: schema_validator answers "conforms" from this program and explains failures
// with valijson, and a differential test and fuzz target hold the two to the same verdict and the same
// failing places. A schema that uses a keyword the program does not compile (if/then/else, patternProperties,
// multipleOf, a date format, …) is not complete(): its callers ask valijson instead, never a guess.
//
// Thread-safety: const after construction; conforms() and failures() may run on many threads at once.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace harness::json {
class dom_view;
} // namespace harness::json

namespace harness::contract {

// One place where a value breaks a schema, as valijson's deepest errors name it: `pointer` into the value
// (a missing or unexpected property is named at its own place), `keyword` the rule broken.
struct schema_failure {
    std::string pointer;
    std::string keyword;
    bool operator==(const schema_failure&) const = default;
};

class compiled_schema {
public:
    // `document`: a translated contract; `schema_pointer`: where the schema sits in it.
    compiled_schema(const boost::json::value& document, std::string_view schema_pointer);
    ~compiled_schema();
    compiled_schema(const compiled_schema&) = delete;
    compiled_schema& operator=(const compiled_schema&) = delete;

    // False when some keyword is not compiled; missing() says which and where.
    bool complete() const noexcept { return missing_.empty(); }
    const std::string& missing() const noexcept { return missing_; }

    // Whether `instance` conforms. Allocates nothing (a `pattern` keyword excepted: std::regex allocates).
    // Only meaningful when complete().
    bool conforms(const boost::json::value& instance) const noexcept;
    // The same over simdjson's parse, for a document json::reads_like_boost() accepts (the same verdict).
    bool conforms(const json::dom_view& instance) const noexcept;

    // The deepest places where `instance` breaks the schema, sorted by pointer, one per pointer; empty when
    // it conforms. For tests and the differential check against valijson; allocates.
    std::vector<schema_failure> failures(const boost::json::value& instance) const;

    struct node; // compiled_schema_node.hpp
    template <bool collect, class View>
    struct walker; // compiled_schema_walker.hpp

private:
    int compile(const boost::json::value& document, const std::string& pointer, int depth);
    void compile_keywords(const boost::json::value& document, const boost::json::object& schema,
                          const std::string& pointer, int index, int depth);
    void note_missing(const std::string& pointer, std::string_view keyword);

    std::vector<node> nodes_;
    std::vector<std::pair<std::string, int>> compiled_pointers_; // which pointer became which node
    struct patterns;
    std::unique_ptr<patterns> patterns_;
    std::string missing_;
    int root_ = 0;
};

} // namespace harness::contract
