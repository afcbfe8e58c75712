#include "sequence_drifts.hpp"

#include "envelope_writer.hpp"
#include "harness/json/hash.hpp"

#include <algorithm>
#include <functional>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace harness::mock {

std::uint64_t payload_fingerprint(const boost::json::value& body, std::string_view raw,
                                  const contract::profile& profile, const fault_decision& faults) {
    if (faults.has(drift_kind::fingerprint_raw_body)) {
        return std::hash<std::string_view>{}(raw);
    }
    return json::json_hash_at(body, profile.idempotency.payload_fields);
}

void scoped_key(const contract::profile& profile, const fault_decision& faults, std::string_view project,
                std::string_view conversation, std::string_view caller, std::string_view key,
                std::string& out) {
    out.clear();
    for (contract::scope_part part : profile.idempotency.scope) {
        if (part == contract::scope_part::caller && faults.has(drift_kind::key_scope_ignores_caller)) {
            continue;
        }
        out += part == contract::scope_part::project        ? project
               : part == contract::scope_part::conversation ? conversation
                                                            : caller;
        out += '\n';
    }
    out += key;
}

uuid_text new_message_uuid(const fault_decision& faults, std::uint64_t message_number) {
    if (faults.has(drift_kind::message_uuid_wraps)) {
        return counter_uuid(message_number, 16);
    }
    if (faults.has(drift_kind::message_uuid_from_clock)) {
        return counter_uuid(static_cast<std::uint64_t>(epoch_ms_now()), ~std::uint64_t{0});
    }
    return make_uuid();
}

std::string restamped(const std::string& first_reply) {
    boost::json::value reply = boost::json::parse(first_reply);
    if (auto* data = reply.as_object().if_contains("data"); data != nullptr && data->is_object()) {
        boost::json::value& created = data->as_object()["createdAt"];
        const std::int64_t first = created.is_int64() ? created.as_int64() : 0;
        created = std::max(epoch_ms_now(), first + 1);
    }
    return boost::json::serialize(reply);
}

} // namespace harness::mock
