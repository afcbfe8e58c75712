// Any text as a scenario file.
#include "harness/scenario/scenario_loader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        (void)harness::scenario::parse_suite(text, "fuzz.yaml");
    } catch (const std::exception&) {
    }
    return 0;
}
