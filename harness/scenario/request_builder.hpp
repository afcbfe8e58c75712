#pragma once
// A step's request template made concrete for one target: variables expanded, path parameters defaulted to
// the target's project and conversation, the credential and content type filled in. The runner sends what
// this builds; repro builds the same to replay a scenario's request.

#include "harness/contract/operation.hpp"
#include "harness/contract/profile.hpp"
#include "harness/http/exchange.hpp"
#include "harness/target/target_spec.hpp"
#include "scenario.hpp"
#include "variables.hpp"

#include <string>
#include <vector>

namespace harness::scenario {

// The target's values as variables: project, conversation, conversation_2, company and the tokens.
variables target_variables(const harness::target::target_spec& target);

// The credentials the cases of `suites` use besides the valid token: those a case `requires:`, or whose
// variable
// (${second_token}, ${other_project_token}, ${expired_token}) one of its requests names. Only these are read
// from the environment (harness::target::credential_use).
harness::target::credential_use credentials_used(const std::vector<suite>& suites);

struct built_request {
    http::http_request request;
    std::string conversation; // the conversation the path names, for stored-message counts
};

// Throws std::invalid_argument for an unknown or malformed variable.
built_request build_request(const request_template& t, variables& vars,
                            const harness::target::target_spec& target, const contract::operation& operation,
                            const contract::profile& profile);

} // namespace harness::scenario
