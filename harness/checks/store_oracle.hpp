#pragma once
// What a target stored, for the checks that need it ("a refused request stores nothing", "one message per
// key"): black-box requests cannot see the store, so a check asks an oracle. The built-in mock's admin API is
// one; a gateway's own can be another. Without one, those checks are reported as skipped, never passed.

#include <cstdint>
#include <optional>
#include <string>

namespace harness::checks {

class store_oracle {
public:
    virtual ~store_oracle() = default;
    // How many messages the conversation holds now; nullopt when the oracle cannot tell.
    virtual std::optional<std::uint64_t> stored_total(const std::string& conversation) = 0;
};

} // namespace harness::checks
