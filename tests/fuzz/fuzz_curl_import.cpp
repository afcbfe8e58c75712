// Any text as a curl command line.
#include "harness/repro/curl_command.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

// Only the errors the API documents for bad input are expected; anything else (out_of_range, logic_error,
// bad_optional_access, …) escapes and aborts, so the fuzzer reports it.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        // No data directory: "@file" names must not read the fuzzing machine's files.
        (void)harness::repro::parse_curl_command(std::string_view(reinterpret_cast<const char*>(data), size),
                                                 "/nonexistent-fuzz-dir");
    } catch (const harness::repro::repro_input_error&) {
    }
    return 0;
}
