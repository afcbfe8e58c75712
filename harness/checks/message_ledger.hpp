#pragma once
// Which stored message each messageUuid of a run belongs to (profile rules 1 and 6): a messageUuid is handed
// out to one stored message only, so across every suite and copy of one run it may come back again only as a
// replay of the same idempotency key in the same scope (project, conversation and caller, as
// idempotency.scope says), and such a replay carries the first send's time of storing. The ledger remembers
// the first reply of each messageUuid; check_message_identity judges each accepted send against it. A run's
// scenario cases share one ledger (harness/scenario's run_context); load keeps its own lock-free table
// (load/replay_detector), sized before time zero.

#include "check_outcome.hpp"
#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "parsed_reply.hpp"

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace harness::checks {

// Where the stored message's id stands in a reply (the profile's data, rule 1).
inline constexpr std::string_view message_id_pointer = "/data/messageUuid";

// What a reply's messageUuid was to the run.
enum class message_sighting {
    not_a_message, // not an accepted send of the operation: nothing to judge
    unnamed,       // an accepted send whose reply names no messageUuid: nothing to judge, nothing to count
    new_message,   // first seen: a message stored by this request
    replay,        // seen before, for the same key in the same scope
    other_message, // seen before for another key, another scope, or with no key: the id was handed out twice
};

class message_ledger {
public:
    struct first_reply {
        std::string sender; // scope and key, as compared (the caller as a hash, never the token)
        std::string shown;  // for people: "case 'X' (key K)"
        std::string
            data_times; // the data's epoch-millisecond values, serialised, as the first reply had them
    };

    // Records `message_uuid` as the sender's when it is new; returns the first reply when it was seen before.
    // Thread-safe.
    const first_reply* remember(const std::string& message_uuid, first_reply reply, bool& seen_before);

private:
    std::mutex mutex_;
    std::unordered_map<std::string, first_reply> by_uuid_;
};

// On an accepted send of the operation (2xx to its method) that names a messageUuid: "message_uuid_unique"
// (new, or a replay of the same scoped key) and, for a replay, "replay_created_at" (the data's epoch-
// millisecond fields of the profile's time.epoch_millis equal the first reply's). `where` names the case for
// a later failure's message. Returns what the messageUuid was to the run.
message_sighting check_message_identity(const parsed_reply& reply, const contract::profile& profile,
                                        const contract::operation& operation, const std::string& where,
                                        message_ledger& ledger, check_outcomes& out);

} // namespace harness::checks
