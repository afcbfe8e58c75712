#pragma once
// What a repro run found: every reply judged against the contract (per reply, in words), and how the replies
// differ from one another (status flips, a second messageUuid for one idempotency key, latency outliers).
// Kept as a verify result with one case, so every report writer renders it as it renders verify.

#include "captured_request.hpp"
#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "harness/result/verify_result.hpp"
#include "replay.hpp"
#include "request_expectation.hpp"

#include <string>
#include <vector>

namespace harness::repro {

struct replay_findings {
    result::verify_result run;                            // one case "repro": the exchanges and every check
    request_expectation expectation;                      // what the contract expects for this request
    std::vector<std::vector<std::string>> reply_verdicts; // per exchange: each way it breaks the contract
    std::vector<std::string> differences;                 // across replies, in words
    int breaking_replies = 0;

    bool reproduced() const { return run.verdict.kind == result::verdict_kind::failed; }
};

struct replay_context {
    const contract::operation& operation;
    const contract::profile& profile;
    std::string target_name;   // URL as shown
    std::string contract_name; // source name
};

// `exchanges` are already redacted; `captured` is shown as the case's origin.
replay_findings judge_replays(const captured_request& captured, const replay_request& sent,
                              const std::vector<http::exchange>& exchanges, const replay_context& context);

} // namespace harness::repro
