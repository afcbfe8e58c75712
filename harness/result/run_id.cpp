#include "run_id.hpp"

#include <charconv>
#include <random>

namespace harness::result {

std::uint64_t new_run_id() {
    std::random_device source;
    return (static_cast<std::uint64_t>(source()) << 32) ^ static_cast<std::uint64_t>(source());
}

std::string run_id_text(std::uint64_t id) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string text(16, '0');
    for (int i = 0; i < 16; ++i) {
        text[static_cast<std::size_t>(i)] = hex[(id >> (60 - 4 * i)) & 0xF];
    }
    return text;
}

std::optional<std::uint64_t> parse_run_id(std::string_view text) {
    std::uint64_t id = 0;
    if (text.empty() || text.size() > 16) {
        return std::nullopt;
    }
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id, 16);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return id;
}

std::uint64_t run_seed(std::uint64_t id, std::uint64_t stream) noexcept {
    std::uint64_t z = id + 0x9E3779B97F4A7C15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

} // namespace harness::result
