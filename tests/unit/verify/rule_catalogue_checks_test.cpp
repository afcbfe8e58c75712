// The rule catalogue (harness/contract/rule_catalogue) names checks by the names the checks give their
// outcomes: a check renamed, or a name mistyped in the catalogue, leaves a rule that no run can ever cover.
// The names are taken from the checks themselves, called once each on replies that reach them (checks and the
// latency suite of harness/verify: this is the lowest test binary that links them all).

#include "harness/checks/data_checks.hpp"
#include "harness/checks/message_ledger.hpp"
#include "harness/checks/profile_checks.hpp"
#include "harness/checks/response_checks.hpp"
#include "harness/checks/semantic_checks.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/rule_catalogue.hpp"
#include "harness/verify/latency_suite.hpp"

#include <set>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace harness::verify {
namespace {

using checks::parsed_reply;

// Checks another branch adds (issue 26: a messageUuid never handed to two messages, a replay's createdAt, the
// store count on every step). The catalogue names them already so that their rules count them once they run;
// remove a name here once its check is in this code base.

http::exchange exchange(int status, std::string body, http::header_list headers = {}) {
    http::exchange e;
    e.outcome = http::outcome_kind::ok;
    e.request.method = "POST";
    e.request.body = R"({"itemUuid":"i","text":"t","companyUuid":null})";
    e.response.status = status;
    e.response.headers = std::move(headers);
    e.response.headers.push_back({"Content-Type", "application/json"});
    e.response.body = std::move(body);
    return e;
}

std::string names_of_indexes(const std::vector<int>&) {
    return "";
}

// Every name the checks give their outcomes, from one call of each.
std::set<std::string> produced_names() {
    const contract::contract c = contract::contract::builtin();
    const contract::operation& op = c.operations()[0];
    const contract::profile p = contract::profile::builtin();
    const std::string failure =
        R"({"success":false,"error":{"errorId":"e1","code":"NOT_FOUND","message":"m","timestamp":1700000000000,)"
        R"("fieldErrors":[{"field":"itemUuid","message":"m"}]}})";
    const http::exchange accepted_send = exchange(
        200,
        R"({"success":true,"data":{"messageUuid":"m","itemUuid":"i","text":"t","createdAt":1700000000000}})");
    const http::exchange refused = exchange(405, failure, {{"Allow", "POST"}});
    const http::exchange unauthenticated = exchange(401, failure, {{"WWW-Authenticate", "Bearer"}});
    const parsed_reply ok(accepted_send, 0), no(refused, 1), no_token(unauthenticated, 2);
    checks::check_outcomes out;
    checks::run_memory memory;
    for (const parsed_reply* reply : {&ok, &no, &no_token}) {
        checks::check_response(op, *reply, {}, memory, out);
        checks::check_semantics(*reply, p, op, out);
        checks::check_echoed_fields(*reply, p, op, "", out);
    }
    const auto kind = contract::failure_kind::not_found;
    const boost::json::value data = boost::json::parse(R"({"messageUuid":"m"})");
    const std::string answer = checks::answer_summary(ok);
    out.push_back(checks::failure_status(no, p, kind, ""));
    out.push_back(checks::failure_code(no, p, kind));
    out.push_back(checks::field_error_named(no, "itemUuid"));
    out.push_back(checks::same_data_as(ok, &data, "first"));
    out.push_back(checks::new_message(ok, &data, "first"));
    out.push_back(checks::same_answer_as(ok, &answer, "first"));
    out.push_back(checks::one_data_across_copies({ok}));
    out.push_back(checks::one_message_for_key({ok}, "key", names_of_indexes));
    out.push_back(checks::stored_messages(1, 2, 1, "first", checks::store_expectation::new_messages));
    out.push_back(checks::valid_request_status(ok, p));
    out.push_back(checks::stored_exactly(1, 2, 1, true, "first"));
    http::exchange keyed = accepted_send;
    keyed.request.body = R"({"itemUuid":"i","text":"t","companyUuid":null,"idempotencyKey":"k"})";
    const parsed_reply first_send(keyed, 3), replay(keyed, 4);
    checks::message_ledger ledger;
    checks::check_message_identity(first_send, p, op, "first", ledger, out);
    checks::check_message_identity(replay, p, op, "replay", ledger, out);
    const result::load_result burst;
    const result::case_outcome latency = latency_budget_case(burst, *p.slo);
    out.insert(out.end(), latency.checks.begin(), latency.checks.end());
    std::set<std::string> names;
    for (const checks::check_outcome& o : out) {
        names.insert(o.check);
    }
    return names;
}

TEST(rule_catalogue, every_check_it_names_is_one_the_checks_produce) {
    const std::set<std::string> produced = produced_names();
    for (const contract::profile_rule& rule : contract::rule_catalogue(contract::profile::builtin())) {
        for (const contract::rule_check& check : rule.checks) {
            const bool named = std::any_of(produced.begin(), produced.end(), [&](const std::string& name) {
                return contract::evidence_matches(check.name, name);
            });
            EXPECT_TRUE(named) << "rule " << rule.id << " names the check " << check.name
                               << ", which no check produces";
        }
    }
}

TEST(rule_catalogue, the_names_are_taken_from_the_checks_not_assumed) {
    // The list above is what the calls return: a check that stopped producing its name would show here.
    const std::set<std::string> produced = produced_names();
    for (const std::string name :
         {"status", "error_code", "field_errors:itemUuid", "echoed:/text", "epoch_millis:/data/createdAt",
          "epoch_millis:/error/timestamp", "header:Allow", "header:WWW-Authenticate", "stored", "latency_p99",
          "burst_status"}) {
        EXPECT_TRUE(produced.contains(name)) << name;
    }
    EXPECT_FALSE(contract::evidence_matches("field_errors:*", "field_error:itemUuid"));
    EXPECT_FALSE(contract::evidence_matches("same_data", "same_data_across_copies"));
}

} // namespace
} // namespace harness::verify
