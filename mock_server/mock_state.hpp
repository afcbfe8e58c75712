#pragma once
// Everything the mock's request handling reads and changes. One instance per server, shared by all threads:
// the contract, profile and fixtures are read-only; the stores, faults, metrics and journal lock themselves.

#include "fault_injector.hpp"
#include "fixtures.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "idempotency_store.hpp"
#include "in_flight_keys.hpp"
#include "message_store.hpp"
#include "mock_metrics.hpp"
#include "request_journal.hpp"
#include "request_rate.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>

namespace harness::mock {

class request_forwarder;

struct state_limits {
    std::size_t idempotency_capacity = 100'000;
    std::chrono::seconds idempotency_ttl{86'400};
    std::size_t message_capacity = 100'000;
    std::size_t journal_capacity = 256;
    // As many as the server's threads: shards only keep threads from waiting on each other, and each is a
    // ring written at its own place, so more of them than threads scatter a new key's writes over the
    // memory (a quarter of a new key's time at a full store, with 64).
    std::size_t idempotency_shards = 1;
};

class mock_state {
public:
    // Throws std::invalid_argument when the contract has no POST operation for the mock to serve.
    mock_state(harness::contract::contract contract, harness::contract::profile profile,
               mock::fixtures fixtures, state_limits limits);

    const harness::contract::contract& contract() const noexcept { return contract_; }
    const harness::contract::operation& operation() const noexcept { return *operation_; }
    const harness::contract::profile& profile() const noexcept { return profile_; }
    const mock::fixtures& fixtures() const noexcept { return fixtures_; }
    const state_limits& limits() const noexcept { return limits_; }
    std::chrono::steady_clock::time_point started() const noexcept { return started_; }
    // A number no other mock_state of this process has (from 1): caches keyed by it cannot mistake a state
    // made later at the same address for this one.
    std::uint64_t instance() const noexcept { return instance_; }

    idempotency_store& idempotency() noexcept { return idempotency_; }
    in_flight_keys& in_flight() noexcept { return in_flight_; }
    request_rate& rate() noexcept { return rate_; }
    // The last caller whose token was valid (the overload_token_cache fault hands it to unknown tokens).
    const token_fixture* last_valid_token() const noexcept {
        return last_token_.load(std::memory_order_relaxed);
    }
    void note_valid_token(const token_fixture* token) noexcept {
        // Written only when it changes: a store on every request would bounce the line between threads.
        if (last_token_.load(std::memory_order_relaxed) != token) {
            last_token_.store(token, std::memory_order_relaxed);
        }
    }
    message_store& messages() noexcept { return messages_; }
    // Messages numbered as they are stored (the message_uuid_wraps drift's counter).
    std::uint64_t next_message_number() noexcept {
        return message_number_.fetch_add(1, std::memory_order_relaxed);
    }
    fault_injector& faults() noexcept { return faults_; }
    mock_metrics& metrics() noexcept { return metrics_; }
    request_journal& journal() noexcept { return journal_; }

    // Proxy mode: requests go to `forwarder` (not owned; nullptr = the mock answers itself).
    void set_forwarder(request_forwarder* forwarder) noexcept { forwarder_ = forwarder; }
    request_forwarder* forwarder() const noexcept { return forwarder_; }

    // The token /__admin asks for as `Authorization: Bearer TOKEN` ("" = open, as on loopback). Before
    // serving.
    void set_admin_token(std::string token) { admin_token_ = std::move(token); }
    const std::string& admin_token() const noexcept { return admin_token_; }

    // Forgets stored messages, idempotency keys, the journal and the metrics (not the faults).
    void reset();

private:
    std::atomic<std::uint64_t> message_number_{0};
    std::uint64_t instance_;
    harness::contract::contract contract_;
    const harness::contract::operation* operation_;
    harness::contract::profile profile_;
    mock::fixtures fixtures_;
    state_limits limits_;
    std::chrono::steady_clock::time_point started_;
    idempotency_store idempotency_;
    in_flight_keys in_flight_;
    request_rate rate_;
    std::atomic<const token_fixture*> last_token_{nullptr};
    message_store messages_;
    fault_injector faults_;
    mock_metrics metrics_;
    request_journal journal_;
    request_forwarder* forwarder_ = nullptr;
    std::string admin_token_;
};

} // namespace harness::mock
