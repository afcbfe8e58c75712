#include "profile_model.hpp"

#include <algorithm>

namespace harness::explore {

namespace {

namespace hc = harness::contract;

bool in_scope(const hc::profile& p, hc::scope_part part) {
    return std::find(p.idempotency.scope.begin(), p.idempotency.scope.end(), part) !=
           p.idempotency.scope.end();
}

hc::failure_kind failure_of(refusal r) {
    switch (r) {
    case refusal::validation:
        return hc::failure_kind::validation;
    case refusal::unauthenticated:
        return hc::failure_kind::unauthenticated;
    case refusal::forbidden:
        return hc::failure_kind::forbidden;
    case refusal::not_found:
        return hc::failure_kind::not_found;
    case refusal::payload_too_large:
        return hc::failure_kind::payload_too_large;
    case refusal::unsupported_media:
        break;
    }
    return hc::failure_kind::unsupported_media_type;
}

namespace transition {
constexpr std::string_view new_key = "a new key stores a message";
constexpr std::string_view no_key = "no key stores a message";
constexpr std::string_view replay = "same key, same payload replays";
constexpr std::string_view replay_rewritten = "same key, the payload written otherwise replays";
constexpr std::string_view conflict = "same key, another payload conflicts";
constexpr std::string_view other_scope = "a key of another caller or conversation is new";
constexpr std::string_view after_refusal = "a key a refused request carried is new";
constexpr std::string_view refused = "a refused request stores and reserves nothing";
constexpr std::string_view burst_new = "concurrent copies of a new key store one message";
constexpr std::string_view burst_replay = "concurrent copies of a known key replay";
constexpr std::string_view burst_distinct = "concurrent distinct keys store one message each";
} // namespace transition

} // namespace

profile_model::profile_model(const hc::profile& profile) : profile_(profile) {}

const std::vector<std::string>& profile_model::transitions() {
    static const std::vector<std::string> all = {
        std::string(transition::new_key),       std::string(transition::no_key),
        std::string(transition::replay),        std::string(transition::replay_rewritten),
        std::string(transition::conflict),      std::string(transition::other_scope),
        std::string(transition::after_refusal), std::string(transition::refused),
        std::string(transition::burst_new),     std::string(transition::burst_replay),
        std::string(transition::burst_distinct)};
    return all;
}

std::string profile_model::scope_of(const op& o, const sequence& s) const {
    std::string scope;
    if (in_scope(profile_, hc::scope_part::caller)) {
        scope += "caller " + std::to_string(o.caller) + "\n";
    }
    if (in_scope(profile_, hc::scope_part::conversation)) {
        scope += "conversation " + std::to_string(o.conversation) + "\n";
    }
    return scope + s.keys[*o.key];
}

void profile_model::forget_expired(double now_seconds) {
    const auto expiry = static_cast<double>(profile_.idempotency.expiry_seconds);
    while (!order_.empty() && expiry > 0 && now_seconds - keys_.at(order_.front()).stored_at > expiry) {
        keys_.erase(order_.front());
        order_.pop_front();
    }
}

prediction profile_model::first_request(const op& o, const sequence& s, std::size_t index, double now_seconds,
                                        const std::string& scope) {
    prediction p;
    p.kind = reply_class::new_message;
    p.stored = 1;
    const std::string& key = s.keys[*o.key];
    p.transition = o.kind == op_kind::burst      ? transition::burst_new
                   : refused_keys_.contains(key) ? transition::after_refusal
                   : key_strings_.contains(key)  ? transition::other_scope
                                                 : transition::new_key;
    p.in_flight_allowed = o.kind == op_kind::burst;
    if (profile_.idempotency.capacity > 0 && keys_.size() >= profile_.idempotency.capacity) {
        keys_.erase(order_.front()); // the oldest key is forgotten first
        order_.pop_front();
    }
    keys_[scope] = {s.payloads[o.payload], index, now_seconds};
    order_.push_back(scope);
    key_strings_.insert(key);
    return p;
}

prediction profile_model::step(const sequence& s, std::size_t index, double now_seconds) {
    const op& o = s.ops[index];
    forget_expired(now_seconds);
    prediction p;
    if (o.kind == op_kind::refused) {
        p.kind = reply_class::refusal;
        p.failure = failure_of(o.refused_for);
        p.transition = transition::refused;
        if (o.key) {
            refused_keys_.insert(s.keys[*o.key]);
        }
        return p;
    }
    if (o.kind == op_kind::burst_distinct) {
        p.kind = reply_class::new_messages;
        p.stored = static_cast<std::uint64_t>(o.copies);
        p.transition = transition::burst_distinct;
        return p;
    }
    if (!o.key) {
        p.stored = 1;
        p.transition = transition::no_key;
        return p;
    }
    const std::string scope = scope_of(o, s);
    const auto known = keys_.find(scope);
    if (known == keys_.end()) {
        return first_request(o, s, index, now_seconds, scope);
    }
    if (known->second.sent == s.payloads[o.payload]) {
        p.kind = reply_class::replay;
        p.replay_of = known->second.first_step;
        p.transition = o.kind == op_kind::burst     ? transition::burst_replay
                       : o.form == body_form::plain ? transition::replay
                                                    : transition::replay_rewritten;
        return p;
    }
    p.kind = reply_class::conflict;
    p.failure = profile_.idempotency.on_different_payload;
    p.transition = transition::conflict;
    return p;
}

} // namespace harness::explore
