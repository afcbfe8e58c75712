#pragma once
// HdrHistogram's V2 binary encoding, compressed (zlib) and as base64, the form interval logs carry:
//   int32 cookie 0x1c849314, int32 length, then zlib(uncompressed blob);
//   uncompressed blob: int32 cookie 0x1c849313, int32 payload length, int32 normalizing index offset (0),
//   int32 significant digits, int64 lowest, int64 highest, double integer-to-double ratio (1.0), then the
//   counts up to the maximum's index as ZigZag LEB128 varints (at most 9 bytes), a run of N > 1 zeros as -N.
// All integers big-endian.

#include "histogram.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace harness::hdr {

std::string encode_compressed(const histogram& h);
// nullopt (and `error` set) for anything that is not a V2 compressed histogram this code can read.
std::optional<histogram> decode_compressed(std::string_view bytes, std::string& error);

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

} // namespace harness::hdr
