// Any text as a harness.load result (what report merge and compare read), including the base64 HdrHistogram
// payloads inside it, and the histogram codec on the raw bytes.
#include "harness/hdr/histogram_codec.hpp"
#include "harness/result/load_result_io.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        (void)harness::result::parse_load_result(text, "fuzz.json");
    } catch (const std::exception&) {
    }
    std::string error;
    (void)harness::hdr::decode_compressed(text, error);
    (void)harness::hdr::base64_decode(text);
    return 0;
}
