#pragma once
// A store oracle over HTTP: GET a URL naming the conversation and read the count of its stored messages at a
// JSON pointer of the reply. The harness mock's admin API is one such URL
// ({admin}/__admin/messages?conversation={conversation}, count at /storedTotal, docs/mock.md); a gateway's
// own admin or reporting endpoint is another (--store-url, --store-count-pointer).

#include "harness/http/http_client.hpp"
#include "store_oracle.hpp"

#include <memory>
#include <string>

namespace harness::checks {

class http_store_oracle final : public store_oracle {
public:
    // `path_template` is the URL's path and query with "{conversation}" where the conversation goes.
    http_store_oracle(http::target_url base, std::string path_template, std::string count_pointer,
                      http::client_options options);
    std::optional<std::uint64_t> stored_total(const std::string& conversation) override;
    // Asked once before a run: nullopt when the oracle answers a count for `conversation`, else why not,
    // naming the URL asked, the pointer and the reply. An oracle that cannot count is a run that cannot check
    // what the target stored (exit 2), never a check quietly turned off.
    std::optional<std::string> no_count(const std::string& conversation);
    // An Authorization header value sent with every question ("" = none).
    void set_authorization(std::string value) { authorization_ = std::move(value); }

private:
    // The count, or nullopt with `why` (when not null) saying why there is none.
    std::optional<std::uint64_t> ask(const std::string& conversation, std::string* why);

    http::http_client client_;
    std::string path_template_;
    std::string count_pointer_;
    std::string authorization_;
};

// The oracle a target names: its store URL (with {conversation}) and count pointer, else the harness mock's
// admin API at `admin_url` (count at /storedTotal; asked with `admin_token` as a Bearer token when the mock
// is shared beyond loopback and wants one), else nullptr. A store URL without a pointer reads /storedTotal
// too. Throws std::invalid_argument for a URL that is not one, or a store URL without {conversation}.
std::unique_ptr<http_store_oracle> make_store_oracle(const std::string& store_url,
                                                     const std::string& count_pointer,
                                                     const std::string& admin_url,
                                                     const std::string& admin_token,
                                                     const http::client_options& options);

} // namespace harness::checks
