#pragma once
// A HAR 1.2 archive (what browsers' dev tools export): its entries listed for people to choose from, and one
// entry read into a captured request. Errors name the file, the line and the JSON pointer of the problem.

#include "captured_request.hpp"
#include "harness/json/source_document.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace harness::repro {

struct har_entry_summary {
    std::size_t number = 0; // 1-based, as listed and as --entry takes it
    std::string method;
    std::string url;
    int status = 0;      // the captured reply's status; 0 when the capture has none
    std::string started; // startedDateTime as captured
};

class har_archive {
public:
    // Throws document_error (file:line: pointer: message) for malformed JSON or a file that is not HAR.
    static har_archive load(const std::filesystem::path& path);
    static har_archive parse(std::string_view text, std::string name);

    const std::vector<har_entry_summary>& entries() const noexcept { return entries_; }

    // Entries whose method and URL contain `text` (case-sensitive; an empty text matches all).
    std::vector<har_entry_summary> matching(std::string_view text) const;

    // The entry as a request. Throws repro_input_error when `number` is out of range, or document_error when
    // the entry is not an HTTP request (a data: or WebSocket entry, a missing method or URL).
    captured_request request(std::size_t number) const;

private:
    explicit har_archive(json::source_document document);

    json::source_document document_;
    std::vector<har_entry_summary> entries_;
};

} // namespace harness::repro
