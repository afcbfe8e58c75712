// Any text as a harness.load result (what report merge and compare read), including the base64 HdrHistogram
// payloads inside it, and the histogram codec on the raw bytes.
#include "harness/hdr/histogram_codec.hpp"
#include "harness/result/load_result_io.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

// Only the errors the API documents for bad input are expected; anything else (out_of_range, logic_error,
// bad_optional_access, …) escapes and aborts, so the fuzzer reports it.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        (void)harness::result::parse_load_result(text, "fuzz.json");
    } catch (const std::invalid_argument&) {
    }
    std::string error;
    (void)harness::hdr::decode_compressed(text, error);
    (void)harness::hdr::base64_decode(text);
    return 0;
}
