// Any text as an OpenAPI document: the loader, $ref resolution and schema translation either build a contract
// or throw document_error with file:line; nothing else.
#include "harness/contract/contract.hpp"
#include "harness/json/document_error.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

// Only the errors the API documents for bad input are expected; anything else (out_of_range, logic_error,
// bad_optional_access, …) escapes and aborts, so the fuzzer reports it.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        (void)harness::contract::contract::parse(text, "fuzz.yaml");
    } catch (const harness::json::document_error&) {
    }
    return 0;
}
