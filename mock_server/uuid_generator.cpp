#include "uuid_generator.hpp"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string_view>

namespace harness::mock {

uuid_text make_uuid() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    static constexpr char hex[] = "0123456789abcdef";
    std::uint64_t high = engine();
    std::uint64_t low = engine();
    // RFC 4122: version 4 in the 13th hex digit, variant 10xx in the 17th.
    high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
    low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
    uuid_text text{};
    std::size_t out = 0;
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) {
            text[out++] = '-';
        }
        const std::uint64_t word = i < 16 ? high : low;
        const int shift = 60 - 4 * (i % 16);
        text[out++] = hex[(word >> shift) & 0xF];
    }
    return text;
}

uuid_text counter_uuid(std::uint64_t n, std::uint64_t wrap) {
    static constexpr char hex[] = "0123456789abcdef";
    uuid_text text{};
    const std::string_view prefix = "00000000-0000-4000-8000-";
    std::copy(prefix.begin(), prefix.end(), text.begin());
    std::uint64_t value = n % wrap;
    for (std::size_t i = text.size(); i-- > prefix.size();) {
        text[i] = hex[value & 0xF];
        value >>= 4;
    }
    return text;
}

} // namespace harness::mock
