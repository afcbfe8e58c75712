#include "mock_state.hpp"

#include <stdexcept>

namespace harness::mock {

namespace {

const harness::contract::operation& served_operation(const harness::contract::contract& c) {
    if (const auto* op = c.served_operation()) {
        return *op;
    }
    throw std::invalid_argument(c.source_name() + ": no POST operation with a JSON request body to serve");
}

std::uint64_t next_instance() {
    static std::atomic<std::uint64_t> instances{0};
    return instances.fetch_add(1, std::memory_order_relaxed) + 1;
}

} // namespace

mock_state::mock_state(harness::contract::contract contract, harness::contract::profile profile,
                       mock::fixtures fixtures, state_limits limits)
    : instance_(next_instance()), contract_(std::move(contract)), operation_(&served_operation(contract_)),
      profile_(std::move(profile)), fixtures_(std::move(fixtures)), limits_(limits),
      started_(std::chrono::steady_clock::now()),
      idempotency_(limits.idempotency_capacity, limits.idempotency_ttl, limits.idempotency_shards),
      messages_(limits.message_capacity), journal_(limits.journal_capacity) {}

void mock_state::reset() {
    idempotency_.clear();
    in_flight_.clear();
    messages_.clear();
    journal_.clear();
    metrics_.reset();
}

} // namespace harness::mock
