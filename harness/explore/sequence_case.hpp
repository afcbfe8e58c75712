#pragma once
// A sequence as a scenario case: each step's request written as the op says (key, payload, caller,
// conversation, body form, the reason to be refused) and its expectation as the profile model predicts it
// (a new message, the data of the step it replays, the conflict or refusal with nothing stored, one message
// for concurrent copies of a key with the profile's in-flight status allowed). The one scenario runner sends
// it, so every check made on every reply (the contract, the echo, the run's ledger of messageUuids, the
// store's count) judges explored steps too.

#include "harness/contract/profile.hpp"
#include "harness/scenario/scenario.hpp"
#include "sequence.hpp"

#include <string>
#include <vector>

namespace harness::explore {

struct sequence_case {
    scenario::scenario_case scenario;
    std::vector<std::string> transitions; // the model's transition of each step
};

sequence_case make_sequence_case(const sequence& s, const contract::profile& profile,
                                 const std::string& name);

// The body of `o` as JSON text, written in its form (member order, spaces, \u escapes, an unknown member,
// null for what is absent); the key and values are templates the runner expands.
std::string body_text(const op& o, const sequence& s, const contract::profile& profile);

} // namespace harness::explore
