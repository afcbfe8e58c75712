#pragma once
// A repro run as a module: given a plan (built by the CLI from flags), it reads the capture, replays it as
// asked, redacts every exchange, judges the replies against the contract and draws the verdict. The CLI
// writes the explanation and the bundle from what this returns.

#include "capture_source.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/http/http_client.hpp"
#include "harness/result/run_verdict.hpp"
#include "replay.hpp"
#include "replay_findings.hpp"
#include "scenario_emitter.hpp"
#include "secret_redactor.hpp"

#include <optional>
#include <string>

namespace harness::repro {

struct repro_plan {
    capture_source source;
    const contract::contract* contract = nullptr;
    const contract::profile* profile = nullptr;
    std::optional<std::string> token; // replaces the captured credential
    http::client_options client;      // TLS and timeouts; its HTTP version is the capture's unless forced
    bool http_forced = false;         // --http given: the replay uses client.http whatever the capture says
    replay_shape shape;
};

struct repro_outcome {
    captured_request captured;       // as read (secrets in it: for the bundle's request.json, redacted there)
    captured_request shown_captured; // redacted
    replay_request sent;
    replay_request shown_sent; // redacted
    replay_findings findings;  // judged when `replayed`
    bool replayed = false;     // false: the target was never spoken to as asked (see verdict)
    result::run_verdict verdict;
};

// `redactor` learns the capture's secrets (the caller redacts its own words with it too). Throws what
// read_capture throws and repro_input_error for an unusable URL.
repro_outcome run_repro_plan(const repro_plan& plan, secret_redactor& redactor);

// The scenario a bundle keeps: the replay as a verify case that fails while the failure reproduces.
scenario_spec scenario_of(const repro_outcome& outcome, int concurrency, const contract::profile& profile);

} // namespace harness::repro
