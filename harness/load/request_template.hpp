#pragma once
// The load generator's request, serialised once: method, path, headers and a JSON body whose idempotencyKey
// is a fixed-width 32-character slot patched in place for each request, so sending allocates nothing.

#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "harness/target/target_spec.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace harness::load {

class request_template {
public:
    static constexpr std::size_t key_width = 32;

    request_template(const harness::target::target_spec& target, const contract::operation& operation,
                     const contract::profile& profile);

    std::string_view bytes() const noexcept { return bytes_; }
    std::string_view key() const noexcept { return {bytes_.data() + key_offset_, key_width}; }
    // The key as 32 hex digits of (high, low).
    void set_key(std::uint64_t high, std::uint64_t low) noexcept;
    void set_key(std::string_view key) noexcept; // exactly key_width characters

private:
    std::string bytes_;
    std::size_t key_offset_ = 0;
};

} // namespace harness::load
