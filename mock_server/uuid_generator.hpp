#pragma once
// Random (version 4) UUIDs for messageUuid and errorId, written into a caller's buffer: no allocation, and a
// per-thread generator so threads never contend.

#include <array>
#include <cstdint>
#include <string_view>

namespace harness::mock {

using uuid_text = std::array<char, 36>;

// A fresh random UUID, e.g. "0b6f1d7e-5a3c-4f2b-8e9d-1c2b3a4d5e6f".
uuid_text make_uuid();
// The id a gateway numbering its messages with a narrow counter gives its `n`th message (the
// message_uuid_wraps drift): a valid version-4 UUID whose last digits are n modulo `wrap`.
uuid_text counter_uuid(std::uint64_t n, std::uint64_t wrap);

inline std::string_view view(const uuid_text& text) {
    return {text.data(), text.size()};
}

} // namespace harness::mock
