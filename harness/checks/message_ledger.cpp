#include "message_ledger.hpp"

#include "harness/json/pointer.hpp"
#include "rules.hpp"

#include <algorithm>
#include <functional>

#include <boost/json/serialize.hpp>

namespace harness::checks {

namespace {

namespace hc = harness::contract;

bool in_scope(const hc::profile& profile, hc::scope_part part) {
    const auto& scope = profile.idempotency.scope;
    return std::find(scope.begin(), scope.end(), part) != scope.end();
}

bool names(const std::string& name, std::string_view what) {
    return http::to_lower(name).find(what) != std::string::npos;
}

// The path parameters the key's scope keeps apart; the whole path when it does not match the route (a base
// path before it is skipped). A path parameter the scope leaves out (no "project" in idempotency.scope) is
// not part of who sent the key.
std::string scoped_path(const hc::profile& profile, const hc::operation& operation, std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    for (std::size_t at = 0; at < path.size(); at = path.find('/', at + 1)) {
        const auto parameters = operation.path.match(path.substr(at));
        if (!parameters) {
            continue;
        }
        std::string scope;
        for (const hc::path_parameter_value& p : *parameters) {
            const bool left_out =
                (names(p.name, "project") && !in_scope(profile, hc::scope_part::project)) ||
                (names(p.name, "conversation") && !in_scope(profile, hc::scope_part::conversation));
            if (!left_out) {
                scope += p.name + "=" + p.value + "\n";
            }
        }
        return scope;
    }
    return std::string(path) + "\n";
}

std::string cut_key(std::string_view key) {
    constexpr std::size_t shown_key = 40;
    return key.size() <= shown_key
               ? std::string(key)
               : std::string(key.substr(0, shown_key)) + "… (" + std::to_string(key.size()) + " bytes)";
}

// The values at the profile's epoch-millisecond pointers into data, serialised: the time of storing.
std::string data_times(const parsed_reply& reply, const hc::profile& profile) {
    std::string times;
    for (const std::string& pointer : profile.time.epoch_millis) {
        if (pointer.starts_with("/data/")) {
            const boost::json::value* v = reply.at(pointer);
            times +=
                pointer + "=" + (v == nullptr ? std::string("absent") : boost::json::serialize(*v)) + " ";
        }
    }
    return times;
}

} // namespace

const message_ledger::first_reply* message_ledger::remember(const std::string& message_uuid,
                                                            first_reply reply, bool& seen_before) {
    const std::lock_guard lock(mutex_);
    auto [it, inserted] = by_uuid_.try_emplace(message_uuid, std::move(reply));
    seen_before = !inserted;
    return &it->second;
}

message_sighting check_message_identity(const parsed_reply& reply, const hc::profile& profile,
                                        const hc::operation& operation, const std::string& where,
                                        message_ledger& ledger, check_outcomes& out) {
    if (!reply.two_xx() || reply.exchange().request.method != operation.method) {
        return message_sighting::not_a_message;
    }
    const boost::json::value* id = reply.at(message_id_pointer);
    if (id == nullptr || !id->is_string() || id->as_string().empty()) {
        return message_sighting::unnamed;
    }
    const std::string message_uuid(id->as_string());
    const http::http_request& request = reply.exchange().request;
    const std::optional<boost::json::value> body = request_json(reply.exchange());
    const boost::json::value* key =
        body ? json::find_pointer(*body, profile.idempotency.key_pointer) : nullptr;
    const bool keyed = key != nullptr && key->is_string();

    message_ledger::first_reply mine;
    mine.shown = where + (keyed ? " (key " + cut_key(key->as_string()) + ")" : " (no key)");
    mine.data_times = data_times(reply, profile);
    if (keyed) {
        mine.sender = scoped_path(profile, operation, request.target);
        if (in_scope(profile, hc::scope_part::caller)) {
            for (const auto& [name, value] : request.headers) {
                if (http::same_header_name(name, profile.auth_header)) {
                    mine.sender += "caller=" + std::to_string(std::hash<std::string>{}(value)) + "\n";
                }
            }
        }
        mine.sender += "key=" + std::string(key->as_string());
    }
    const std::string shown_here = mine.shown;
    const std::string times_here = mine.data_times;
    const bool can_replay = keyed;
    const std::string sender = mine.sender;
    bool seen_before = false;
    const message_ledger::first_reply* first = ledger.remember(message_uuid, std::move(mine), seen_before);
    const std::string rule(rules::message_uuid_unique);
    if (!seen_before) {
        out.push_back(make_outcome("message_uuid_unique", true, "messageUuid " + message_uuid + " is new", "",
                                   "", rule, reply.index()));
        return message_sighting::new_message;
    }
    if (!can_replay || first->sender != sender) {
        out.push_back(make_outcome("message_uuid_unique", false,
                                   "messageUuid " + message_uuid + " was handed out before, to " +
                                       first->shown + "; this reply is to " + shown_here +
                                       ", not a replay of that key",
                                   "a messageUuid no other message of the run carries",
                                   "messageUuid " + message_uuid + " again", rule, reply.index()));
        return message_sighting::other_message;
    }
    out.push_back(make_outcome("message_uuid_unique", true,
                               "messageUuid " + message_uuid + " again: a replay of " + first->shown, "", "",
                               rule, reply.index()));
    const bool same_time = first->data_times == times_here;
    out.push_back(make_outcome("replay_created_at", same_time,
                               same_time ? "the replay carries the first send's time of storing"
                                         : "the replay carries another time of storing than the first send's",
                               first->data_times, times_here, std::string(rules::replay_created_at),
                               reply.index()));
    return message_sighting::replay;
}

} // namespace harness::checks
