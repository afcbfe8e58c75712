// Any text as a HAR file: listing, matching and reading every entry as a request.
#include "harness/json/document_error.hpp"
#include "harness/repro/har_archive.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

// Only the errors the API documents for bad input are expected; anything else (out_of_range, logic_error,
// bad_optional_access, …) escapes and aborts, so the fuzzer reports it.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto archive = harness::repro::har_archive::parse(text, "fuzz.har");
        (void)archive.matching("POST");
        for (const auto& entry : archive.entries()) {
            try {
                (void)archive.request(entry.number);
            } catch (const harness::repro::repro_input_error&) {
            } catch (const harness::json::document_error&) {
            }
        }
    } catch (const harness::json::document_error&) {
    } catch (const harness::repro::repro_input_error&) {
    }
    return 0;
}
