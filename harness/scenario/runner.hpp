#pragma once
// Runs scenario cases against a target through the one HTTP client, and turns what came back into check
// outcomes: the step's own expectations plus the checks made on every response (harness/checks).

#include "harness/checks/message_ledger.hpp"
#include "harness/checks/response_checks.hpp"
#include "harness/checks/store_oracle.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/result/verify_result.hpp"
#include "harness/target/target_spec.hpp"
#include "scenario.hpp"

#include <functional>
#include <string>

namespace harness::scenario {

struct run_context {
    // The documents and the target are fixed for a run; everything else starts empty and is set by name.
    run_context(const contract::contract& c, const contract::operation& o, const contract::profile& p,
                const harness::target::target_spec& t)
        : contract(c), operation(o), profile(p), target(t) {}

    const contract::contract& contract;
    const contract::operation& operation;
    const contract::profile& profile;
    const harness::target::target_spec& target;
    checks::run_memory memory;             // across the whole run (errorId uniqueness)
    checks::message_ledger messages;       // across the whole run: every messageUuid and whose it is
    checks::store_oracle* store = nullptr; // what the target stored; nullptr: `stored:` checks are skipped
    // A target that answers nothing (two exchanges in a row time out or cannot connect) is not tested
    // further: the runner stops and says why, so a dead target ends a run within about two timeouts.
    int unanswered_in_a_row = 0;
    std::string not_answering; // the reason, once the target counts as not answering
    // verify --under-load without a conversation of its own: the background load stores here too, so counts
    // of stored messages in this conversation prove nothing and those checks are skipped.
    std::string busy_conversation;
    // Why the target cannot be spoken to in HTTP/2 ("" when it can): cases that require http2 are skipped
    // with it.
    std::string http2_refused = "not probed";
};

result::case_outcome run_case(const suite& s, const scenario_case& c, run_context& context);

} // namespace harness::scenario
