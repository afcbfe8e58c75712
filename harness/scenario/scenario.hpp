#pragma once
// The scenario model: suites of named cases, each a list of steps (a request template and what its reply must
// show). Loaded from scenarios/*.yaml (scenario_loader) or generated from the contract (validation_suite).

#include "harness/checks/expectation_checks.hpp"
#include "harness/contract/profile.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace harness::scenario {

struct request_template {
    std::string method = "POST";
    // Path parameters; absent ones default to the target's project and conversation.
    std::map<std::string, std::string> path;
    std::string raw_path; // when set, used as the path as is (after variables)
    std::vector<std::pair<std::string, std::string>> headers; // after the defaults below
    bool default_auth = true; // add "Authorization: Bearer ${token}" unless headers name Authorization
    std::optional<boost::json::value> json; // body as JSON (variables substituted in its strings)
    std::optional<std::string> raw;         // body as text, sent as is
    std::string content_type = "application/json";
    // Grow the body to exactly this many bytes (0: as it is), inside the JSON text field: whole `pad_unit`s,
    // then "x" up to the size.
    std::size_t pad_body_to = 0;
    std::string pad_unit = "x";
    std::string upper_case_parameter; // this path parameter's value in upper case (path variants)
    bool trailing_slash = false;      // the path with a "/" appended
};

// The expectation types are the checks' own (harness/checks/expectation_checks.hpp): the scenario format only
// carries them.
using checks::header_expectation;
using checks::json_check_kind;
using checks::json_expectation;

struct step_expectation {
    std::vector<int> status; // any of these; empty = from `failure` or anything declared
    std::optional<contract::failure_kind> failure; // the profile's status and error.code for this kind
    std::vector<int> also_allowed_status; // statuses accepted besides (e.g. 409 for in-flight resends)
    bool schema = true;                   // validate the body against the contract for its status
    std::vector<json_expectation> json;
    std::vector<header_expectation> headers;
    std::vector<std::string> field_errors; // fields that error.fieldErrors must name
    std::string same_data_as;              // step id whose `data` this reply's must equal
    std::string different_data_from; // step id whose `data` this reply's must differ from (a new message)
    bool same_data_across_copies = false; // all successful copies (repeat/concurrent) share one `data`
    std::optional<long> latency_ms;
    std::optional<long> stored; // messages the step may store in the conversation (needs the admin API)
    // Step id whose answer this reply's must equal: status, success and error.code (the same route over
    // another protocol answers the same).
    std::string same_answer_as;
};

struct step {
    std::string id;
    int line = 0;
    request_template request;
    step_expectation expect;
    int repeat = 1;
    int concurrent = 1;
    std::string http; // "1.1" or "2": this step's protocol ("" = the target's --http)
    std::map<std::string, std::string> capture; // variable name -> JSON pointer into the reply
};

// Credentials and ids a case needs; a case whose needs the target cannot meet is skipped, never passed.
enum class requirement {
    second_token,
    other_project_token,
    expired_token,
    conversation_2,
    company,
    admin,
    failing_conversation,
    http2 // the target speaks HTTP/2 (h2 by ALPN, or h2c)
};
std::string_view to_string(requirement r);

struct scenario_case {
    std::string name;
    std::string description;
    int line = 0;
    std::vector<requirement> requires_;
    std::vector<step> steps;
    std::vector<std::string> covers; // coverage items (contract/coverage_model) this case exercises
};

struct suite {
    std::string name;
    std::string source; // file, or "generated from <contract>"
    std::vector<scenario_case> cases;
};

} // namespace harness::scenario
