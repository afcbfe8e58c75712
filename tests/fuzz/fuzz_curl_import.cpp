// Any text as a curl command line.
#include "harness/repro/curl_command.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        // No data directory: "@file" names must not read the fuzzing machine's files.
        (void)harness::repro::parse_curl_command(std::string_view(reinterpret_cast<const char*>(data), size),
                                                 "/nonexistent-fuzz-dir");
    } catch (const std::exception&) {
    }
    return 0;
}
