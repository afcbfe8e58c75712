#pragma once
// The profile's idempotency rules as a model (rule 6 as contracts/profile.yaml says it): a key's scope is
// project + conversation + caller (as idempotency.scope lists them); its payload is the JSON values at
// idempotency.payload_fields, an absent field equal to null, however the body is written; keys compare
// exactly at any length; a refused request reserves nothing; at most `capacity` keys are kept (the oldest
// evicted first) for `expiry_seconds`. For each step of a sequence it predicts the reply (a new message, a
// replay of an earlier step's, a conflict, a refusal) and how many messages it stores, and names the
// transition it takes (the coverage table lists those exercised).

#include "harness/contract/profile.hpp"
#include "sequence.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>

namespace harness::explore {

enum class reply_class { new_message, replay, conflict, refusal, new_messages };

struct prediction {
    reply_class kind = reply_class::new_message;
    std::size_t replay_of = 0; // replay: the step whose data comes back
    contract::failure_kind failure = contract::failure_kind::validation; // conflict, refusal
    bool in_flight_allowed = false; // concurrent copies may get idempotency.on_in_flight (a resend meanwhile)
    std::uint64_t stored = 0;       // messages the step stores
    std::string transition;         // the model's transition, for the coverage table
};

class profile_model {
public:
    explicit profile_model(const contract::profile& profile);

    // The prediction for step `index` (= s.ops[index]) at `now_seconds` since the sequence began, and the
    // model moved on as the step moves the gateway.
    prediction step(const sequence& s, std::size_t index, double now_seconds = 0);

    // Every transition the model can take, for the coverage model.
    static const std::vector<std::string>& transitions();

private:
    struct entry {
        payload sent;
        std::size_t first_step = 0;
        double stored_at = 0;
    };

    std::string scope_of(const op& o, const sequence& s) const;
    void forget_expired(double now_seconds);
    prediction first_request(const op& o, const sequence& s, std::size_t index, double now_seconds,
                             const std::string& scope);

    const contract::profile& profile_;
    std::map<std::string, entry> keys_;
    std::deque<std::string> order_;      // scopes in the order stored: the oldest is evicted first
    std::set<std::string> refused_keys_; // keys a refused request carried (they reserve nothing)
    std::set<std::string> key_strings_;  // every key stored, in any scope (another scope's key is new)
};

} // namespace harness::explore
