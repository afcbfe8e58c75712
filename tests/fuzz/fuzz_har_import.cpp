// Any text as a HAR file: listing, matching and reading every entry as a request.
#include "harness/repro/har_archive.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto archive = harness::repro::har_archive::parse(text, "fuzz.har");
        (void)archive.matching("POST");
        for (const auto& entry : archive.entries()) {
            try {
                (void)archive.request(entry.number);
            } catch (const std::exception&) {
            }
        }
    } catch (const std::exception&) {
    }
    return 0;
}
