#pragma once
// The harness mock's admin API as a store oracle: GET {admin}/__admin/messages?conversation=ID answers
// {"storedTotal": N, …} (docs/mock.md).

#include "harness/http/http_client.hpp"
#include "store_oracle.hpp"

#include <memory>

namespace harness::checks {

class admin_store_oracle final : public store_oracle {
public:
    admin_store_oracle(http::target_url admin, http::client_options options);
    std::optional<std::uint64_t> stored_total(const std::string& conversation) override;

private:
    http::http_client client_;
};

// An oracle for the admin URL, or nullptr when the URL is empty or not a URL.
std::unique_ptr<store_oracle> make_admin_store_oracle(const std::string& admin_url,
                                                      const http::client_options& options);

} // namespace harness::checks
