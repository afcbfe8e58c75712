#include "runner.hpp"

#include "harness/checks/data_checks.hpp"
#include "harness/checks/expectation_checks.hpp"
#include "harness/checks/profile_checks.hpp"
#include "harness/checks/rules.hpp"
#include "harness/checks/semantic_checks.hpp"
#include "request_builder.hpp"
#include "variables.hpp"

#include <algorithm>
#include <cctype>
#include <latch>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace harness::scenario {

namespace {

using checks::check_outcome;
using checks::check_status;
namespace hc = harness::contract;

std::optional<std::string> missing_requirement(const scenario_case& c, const harness::target::target_spec& t,
                                               const std::string& http2_refused) {
    for (requirement r : c.requires_) {
        if (r == requirement::http2) {
            if (!http2_refused.empty()) {
                return "needs http2: the target does not speak HTTP/2 (" + http2_refused + ")";
            }
            continue;
        }
        const bool met = r == requirement::second_token          ? !t.second_token.empty()
                         : r == requirement::other_project_token ? !t.other_project_token.empty()
                         : r == requirement::expired_token       ? !t.expired_token.empty()
                         : r == requirement::conversation_2      ? !t.conversation_2.empty()
                         : r == requirement::company             ? !t.company.empty()
                         : r == requirement::failing_conversation
                             ? !t.failing_conversation.empty()
                             : !t.admin_url.empty() || !t.store_url.empty();
        if (!met) {
            static const std::map<requirement, std::string> how = {
                {requirement::second_token, "--second-caller-token-env"},
                {requirement::other_project_token, "--other-project-token-env"},
                {requirement::expired_token, "--expired-token-env"},
                {requirement::conversation_2, "--conversation-2"},
                {requirement::company, "--company"},
                {requirement::admin, "--store-url, or --admin-url (a harness mock's admin API)"},
                {requirement::failing_conversation,
                 "--failing-conversation (a conversation the gateway fails on, to provoke a 500)"}};
            return "needs " + std::string(to_string(r)) + ": give " + how.at(r);
        }
    }
    return std::nullopt;
}

class case_runner {
public:
    case_runner(const suite& s, const scenario_case& c, run_context& context)
        : case_(c), context_(context), vars_(target_variables(context.target)),
          client_(context.target.url, context.target.client) {
        outcome_.suite = s.name;
        outcome_.name = c.name;
        outcome_.description = c.description;
        outcome_.covers = c.covers;
    }

    result::case_outcome run() {
        const auto started = std::chrono::steady_clock::now();
        for (const step& s : case_.steps) {
            if (!context_.not_answering.empty() || !run_step(s)) {
                break;
            }
        }
        outcome_.duration_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        outcome_.status = result::judge(outcome_);
        return std::move(outcome_);
    }

private:
    // Returns false when the case cannot go on (a request could not be built).
    bool run_step(const step& s) {
        std::vector<http::exchange> replies;
        std::string conversation;
        std::optional<std::uint64_t> before;
        try {
            conversation =
                build_request(s.request, vars_, context_.target, context_.operation, context_.profile)
                    .conversation;
            // Every step is counted when a store oracle is given: a step without `stored:` of its own must
            // store exactly the messages its replies name as new (stored_exactly).
            if (context_.store != nullptr && conversation != context_.busy_conversation) {
                before = context_.store->stored_total(conversation);
            }
            for (int round = 0; round < s.repeat; ++round) {
                if (s.concurrent > 1) {
                    send_concurrently(s, replies);
                } else {
                    replies.push_back(client_for(s).send(
                        build_request(s.request, vars_, context_.target, context_.operation, context_.profile)
                            .request));
                }
            }
        } catch (const std::invalid_argument& e) {
            outcome_.checks.push_back(checks::make_outcome(
                "step:" + s.id, false, std::string("the request could not be built: ") + e.what(),
                "a request", e.what(), "scenario file"));
            return false;
        }
        note_answers(replies);
        step_tally_ = {};
        const auto first = static_cast<int>(outcome_.exchanges.size());
        outcome_.exchanges.insert(outcome_.exchanges.end(), replies.begin(), replies.end());
        // Each reply is parsed once here; every check below reads the parsed form.
        std::vector<checks::parsed_reply> parsed;
        parsed.reserve(replies.size());
        for (std::size_t i = 0; i < replies.size(); ++i) {
            parsed.emplace_back(outcome_.exchanges[static_cast<std::size_t>(first) + i],
                                first + static_cast<int>(i));
        }
        for (const checks::parsed_reply& reply : parsed) {
            check_reply(s, reply);
        }
        check_step(s, parsed, conversation, before);
        capture(s, parsed);
        return true;
    }

    // Counts exchanges in a row that got nothing back (timeout, connect); a reset or any reply resets the
    // count.
    void note_answers(const std::vector<http::exchange>& replies) {
        for (const http::exchange& reply : replies) {
            const bool silent =
                reply.outcome == http::outcome_kind::timeout || reply.outcome == http::outcome_kind::connect;
            context_.unanswered_in_a_row = silent ? context_.unanswered_in_a_row + 1 : 0;
            if (context_.unanswered_in_a_row >= 2 && context_.not_answering.empty()) {
                context_.not_answering = std::string(http::to_string(reply.outcome)) + ": " + reply.error;
            }
        }
    }

    void send_concurrently(const step& s, std::vector<http::exchange>& replies) {
        const int copies = s.concurrent;
        std::vector<http::http_request> requests;
        for (int i = 0; i < copies; ++i) {
            requests.push_back(
                build_request(s.request, vars_, context_.target, context_.operation, context_.profile)
                    .request);
        }
        // Each copy gets its own connection, opened first, then all are released at once.
        std::vector<std::unique_ptr<http::http_client>> clients;
        for (int i = 0; i < copies; ++i) {
            clients.push_back(
                std::make_unique<http::http_client>(context_.target.url, context_.target.client));
        }
        std::vector<http::exchange> results(static_cast<std::size_t>(copies));
        std::latch start(copies);
        std::vector<std::thread> threads;
        for (int i = 0; i < copies; ++i) {
            threads.emplace_back([&, i] {
                const auto index = static_cast<std::size_t>(i);
                start.arrive_and_wait();
                results[index] = clients[index]->send(requests[index]);
            });
        }
        for (auto& t : threads) {
            t.join();
        }
        replies.insert(replies.end(), results.begin(), results.end());
    }

    std::vector<int> allowed_statuses(const step_expectation& e) const {
        std::vector<int> allowed = e.status;
        if (e.failure) {
            allowed.push_back(context_.profile.failure(*e.failure).status);
        }
        allowed.insert(allowed.end(), e.also_allowed_status.begin(), e.also_allowed_status.end());
        return allowed;
    }

    void check_reply(const step& s, const checks::parsed_reply& reply) {
        const step_expectation& e = s.expect;
        checks::check_response(context_.operation, reply, {e.schema}, context_.memory, outcome_.checks);
        if (!reply.answered()) {
            return;
        }
        checks::check_semantics(reply, context_.profile, context_.operation, outcome_.checks);
        checks::check_echoed_fields(reply, context_.profile, context_.operation, context_.target.company,
                                    outcome_.checks);
        note_sighting(checks::check_message_identity(reply, context_.profile, context_.operation,
                                                     "case '" + outcome_.name + "' step " + s.id,
                                                     context_.messages, outcome_.checks));
        note_failure_covered(e, reply);
        const std::vector<int> allowed = allowed_statuses(e);
        if (!allowed.empty()) {
            outcome_.checks.push_back(
                checks::status_among(reply, allowed,
                                     e.failure ? checks::rules::failure_status(context_.profile, *e.failure)
                                               : "scenario step " + s.id));
        }
        const bool has_envelope = reply.exchange().request.method != "HEAD";
        if (e.failure && has_envelope && reply.status() == context_.profile.failure(*e.failure).status) {
            outcome_.checks.push_back(checks::failure_code(reply, context_.profile, *e.failure));
        }
        for (const checks::json_expectation& j : e.json) {
            outcome_.checks.push_back(checks::json_value_holds(reply, j, vars_.expand(j.value)));
        }
        for (const checks::header_expectation& h : e.headers) {
            outcome_.checks.push_back(checks::header_holds(reply, h));
        }
        for (const std::string& field : e.field_errors) {
            outcome_.checks.push_back(checks::field_error_named(reply, field));
        }
        if (!e.same_data_as.empty() && reply.two_xx()) {
            outcome_.checks.push_back(checks::same_data_as(reply, data_of(e.same_data_as), e.same_data_as));
        }
        if (!e.same_answer_as.empty()) {
            auto it = answer_by_step_.find(e.same_answer_as);
            outcome_.checks.push_back(checks::same_answer_as(
                reply, it == answer_by_step_.end() ? nullptr : &it->second, e.same_answer_as));
        }
        if (!e.different_data_from.empty() && reply.two_xx()) {
            outcome_.checks.push_back(
                checks::new_message(reply, data_of(e.different_data_from), e.different_data_from));
        }
        if (e.latency_ms) {
            outcome_.checks.push_back(checks::latency_within(reply, *e.latency_ms, "scenario step " + s.id));
        }
    }

    // A step that expects a failure kind provokes it; one that merely allows it (a 409 among 200s) covers it
    // only when the reply shows it.
    void note_failure_covered(const step_expectation& e, const checks::parsed_reply& reply) {
        if (!e.failure ||
            (!e.status.empty() && reply.status() != context_.profile.failure(*e.failure).status)) {
            return;
        }
        std::string id = "failure " + std::string(hc::to_string(*e.failure));
        if (std::find(outcome_.covers.begin(), outcome_.covers.end(), id) == outcome_.covers.end()) {
            outcome_.covers.push_back(std::move(id));
        }
    }

    // A step expecting a refusal stores nothing because it is refused; one expecting success and storing
    // nothing is a replay of a message already sent.
    static checks::store_expectation store_expectation_of(const step& s) {
        const bool refused =
            s.expect.failure.has_value() ||
            (!s.expect.status.empty() && std::all_of(s.expect.status.begin(), s.expect.status.end(),
                                                     [](int status) { return status >= 400; }));
        if (refused) {
            return checks::store_expectation::refused;
        }
        return s.expect.stored == 0L ? checks::store_expectation::replay
                                     : checks::store_expectation::new_messages;
    }

    const boost::json::value* data_of(const std::string& step_id) const {
        auto it = data_by_step_.find(step_id);
        return it == data_by_step_.end() ? nullptr : &it->second;
    }

    // Checks over all copies of a step: shared data, messages stored.
    void check_step(const step& s, const std::vector<checks::parsed_reply>& replies,
                    const std::string& conversation, std::optional<std::uint64_t> before) {
        if (s.expect.same_data_across_copies) {
            outcome_.checks.push_back(checks::one_data_across_copies(replies));
        }
        if (s.expect.stored && !context_.busy_conversation.empty() &&
            conversation == context_.busy_conversation) {
            outcome_.checks.push_back(
                {"stored", check_status::skipped,
                 "not counted: the background load stores into this conversation too (give "
                 "--load-conversation)",
                 "", "", "", -1});
        } else if (s.expect.stored) {
            const auto after = before ? context_.store->stored_total(conversation) : std::nullopt;
            outcome_.checks.push_back(checks::stored_messages(
                before, after, static_cast<std::uint64_t>(*s.expect.stored), s.id, store_expectation_of(s)));
        } else if (before) {
            const bool countable = std::all_of(replies.begin(), replies.end(),
                                               [](const checks::parsed_reply& r) { return r.answered(); }) &&
                                   step_tally_.unnamed == 0;
            outcome_.checks.push_back(checks::stored_exactly(before,
                                                             context_.store->stored_total(conversation),
                                                             step_tally_.new_messages, countable, s.id));
        }
    }

    // What the step's replies said they stored: new messageUuids, and accepted sends naming none.
    void note_sighting(checks::message_sighting sighting) {
        step_tally_.new_messages += sighting == checks::message_sighting::new_message ? 1 : 0;
        step_tally_.unnamed += sighting == checks::message_sighting::unnamed ? 1 : 0;
    }

    void capture(const step& s, const std::vector<checks::parsed_reply>& replies) {
        for (const checks::parsed_reply& reply : replies) {
            if (!answer_by_step_.contains(s.id)) {
                answer_by_step_[s.id] = checks::answer_summary(reply);
            }
            if (reply.body() == nullptr) {
                continue;
            }
            if (reply.two_xx() && !data_by_step_.contains(s.id)) {
                if (const auto* data = reply.at("/data")) {
                    data_by_step_[s.id] = *data;
                }
            }
            for (const auto& [name, pointer] : s.capture) {
                if (const auto* v = reply.at(pointer); v != nullptr && !vars_.has(name)) {
                    vars_.set(name,
                              v->is_string() ? std::string(v->as_string()) : boost::json::serialize(*v));
                }
            }
        }
    }

    const scenario_case& case_;
    run_context& context_;
    variables vars_;
    http::http_client client_;
    result::case_outcome outcome_;
    std::map<std::string, boost::json::value> data_by_step_;
    std::map<std::string, std::string> answer_by_step_;
    struct {
        std::uint64_t new_messages = 0;
        std::uint64_t unnamed = 0; // accepted sends of the operation whose reply names no messageUuid
    } step_tally_;
    // A client per protocol a step asks for (`http:`), beside the target's own.
    std::map<std::string, std::unique_ptr<http::http_client>> clients_by_protocol_;

    http::http_client& client_for(const step& s) {
        if (s.http.empty()) {
            return client_;
        }
        auto& client = clients_by_protocol_[s.http];
        if (!client) {
            http::client_options options = context_.target.client;
            options.http = http::parse_http_version(s.http).value_or(http::http_version::automatic);
            client = std::make_unique<http::http_client>(context_.target.url, options);
        }
        return *client;
    }
};

} // namespace

result::case_outcome run_case(const suite& s, const scenario_case& c, run_context& context) {
    if (auto missing = missing_requirement(c, context.target, context.http2_refused)) {
        result::case_outcome skipped;
        skipped.suite = s.name;
        skipped.name = c.name;
        skipped.description = c.description;
        skipped.skip_reason = *missing;
        skipped.covers = c.covers;
        skipped.status = result::case_status::skipped;
        return skipped;
    }
    return case_runner(s, c, context).run();
}

} // namespace harness::scenario
