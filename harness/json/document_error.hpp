#pragma once
// The one exception type for bad input documents (contracts, profiles, scenarios, fixtures, targets,
// captures, results): thrown at the edges (loading files), never on a hot path. It carries where the problem
// is, so users see `file:line: /json/pointer: what is wrong`. It is a std::invalid_argument, as every other
// refusal of bad user input in the project is (thresholds, fault specs, flags), so a caller that catches
// those also catches a bad file.

#include <stdexcept>
#include <string>

namespace harness::json {

struct source_location {
    std::string file;    // as the user named it, or "<built-in ...>" for embedded documents
    int line = 0;        // 1-based; 0 when unknown (a file that cannot be read, a value made in code)
    int column = 0;      // 1-based; 0 when unknown
    std::string pointer; // JSON pointer into the document; empty for the whole document

    // "file:line:column: /pointer" with the parts that are known.
    std::string to_string() const;
};

class document_error : public std::invalid_argument {
public:
    document_error(source_location where, const std::string& message);

    const source_location& where() const noexcept { return where_; }
    const std::string& message() const noexcept { return message_; }

private:
    source_location where_;
    std::string message_;
};

} // namespace harness::json
