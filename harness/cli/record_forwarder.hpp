#pragma once
// `harness mock --proxy URL --record-to DIR`: the mock forwards every request to a real target through the
// one HTTP client and keeps each exchange as a scenario file (redacted), numbered in arrival order.
// Forwarding is serialised over one kept connection: record mode is for capturing cases, not for load.

#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "harness/http/http_client.hpp"
#include "mock_server/request_forwarder.hpp"

#include <atomic>
#include <filesystem>
#include <mutex>

namespace harness::cli {

class record_forwarder : public mock::request_forwarder {
public:
    // Creates `dir`; throws std::runtime_error when it cannot, or when the TLS settings cannot be used.
    record_forwarder(http::target_url upstream, http::client_options client, std::filesystem::path dir,
                     const contract::operation& operation, const contract::profile& profile);

    mock::mock_response forward(const mock::mock_request& request) override;

    std::size_t recorded() const noexcept { return recorded_.load(); }

private:
    void record(const http::http_request& sent, const http::exchange& reply);

    std::filesystem::path dir_;
    const contract::operation& operation_;
    const contract::profile& profile_;
    std::mutex mutex_;
    http::http_client client_;
    std::atomic<std::size_t> recorded_{0};
};

} // namespace harness::cli
