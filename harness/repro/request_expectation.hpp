#pragma once
// What the contract and profile expect as the answer to one request, judged from the request alone: a request
// with no credential must be refused as unauthenticated, one with a body that breaks the request schema as
// invalid, and so on; a request that keeps the contract must not get a server error. This is what turns "I
// got a 500" into "a valid request got 500" or "an invalid request was accepted".

#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "harness/http/exchange.hpp"

#include <optional>
#include <string>
#include <vector>

namespace harness::repro {

struct request_expectation {
    bool is_operation =
        false; // method and path are the contract's operation; otherwise replies are not judged
    std::optional<contract::failure_kind> failure; // the refusal the profile prescribes, if any
    std::vector<std::string> problems; // why, each to follow "the request": "has no Authorization header"
    std::string summary;               // one line for people
    std::string idempotency_key;       // the request's key, when it carries one
};

request_expectation expect_for(const http::http_request& request, const contract::operation& operation,
                               const contract::profile& profile);

} // namespace harness::repro
