#pragma once
// The load generator's request, serialised once: method, path, headers and a JSON body whose idempotencyKey
// is a fixed-width 32-character slot patched in place for each request, so sending allocates nothing.

#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "harness/result/request_kind.hpp"
#include "harness/target/target_spec.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace harness::load {

class request_template {
public:
    static constexpr std::size_t key_width = 32;

    // The request of `kind` (a mix's request kinds; new_message is the plain valid send): its path,
    // credential and body as that kind needs them. Throws std::invalid_argument when the target lacks what
    // the kind needs (an expired or other project's token, a company field in the profile).
    request_template(const harness::target::target_spec& target, const contract::operation& operation,
                     const contract::profile& profile,
                     harness::result::request_kind kind = harness::result::request_kind::new_message);

    std::string_view bytes() const noexcept { return bytes_; }
    // Kinds without a key (no_key, not_json) keep no slot: the key is empty and set_key does nothing.
    std::string_view key() const noexcept {
        return has_key_ ? std::string_view(bytes_.data() + key_offset_, key_width) : std::string_view();
    }
    // The key as 32 hex digits of (high, low).
    void set_key(std::uint64_t high, std::uint64_t low) noexcept;
    void set_key(std::string_view key) noexcept; // exactly key_width characters

private:
    std::string bytes_;
    std::size_t key_offset_ = 0;
    bool has_key_ = true;
};

} // namespace harness::load
