#include "runner.hpp"

#include <algorithm>
#include <cctype>
#include <latch>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "harness/json/pointer.hpp"
#include "request_builder.hpp"
#include "variables.hpp"

namespace harness::scenario {

namespace {

using checks::check_outcome;
using checks::check_status;
namespace hc = harness::contract;

check_outcome make_check(std::string name, bool passed, std::string message, std::string expected = {},
                         std::string actual = {}, std::string rule = {}, int exchange = -1) {
    return {std::move(name), passed ? check_status::passed : check_status::failed, std::move(message),
            std::move(expected), std::move(actual), std::move(rule), exchange};
}

std::optional<std::string> missing_requirement(const scenario_case& c, const harness::target::target_spec& t) {
    for (requirement r : c.requires_) {
        const bool met = r == requirement::second_token          ? !t.second_token.empty()
                         : r == requirement::other_project_token ? !t.other_project_token.empty()
                         : r == requirement::expired_token       ? !t.expired_token.empty()
                         : r == requirement::conversation_2      ? !t.conversation_2.empty()
                         : r == requirement::company             ? !t.company.empty()
                                                                 : !t.admin_url.empty();
        if (!met) {
            static const std::map<requirement, std::string> how = {
                {requirement::second_token, "--second-caller-token-env"},
                {requirement::other_project_token, "--other-project-token-env"},
                {requirement::expired_token, "--expired-token-env"},
                {requirement::conversation_2, "--conversation-2"},
                {requirement::company, "--company"},
                {requirement::admin, "--admin-url (a harness mock's admin API)"}};
            return "needs " + std::string(to_string(r)) + ": give " + how.at(r);
        }
    }
    return std::nullopt;
}

std::optional<std::uint64_t> stored_total(const harness::target::target_spec& target, const std::string& conversation) {
    if (target.admin_url.empty()) {
        return std::nullopt;
    }
    std::string error;
    auto url = http::parse_target_url(target.admin_url, error);
    if (!url) {
        return std::nullopt;
    }
    http::http_client admin(*url, target.client);
    http::http_request request;
    request.method = "GET";
    request.target = "/__admin/messages?conversation=" + hc::percent_encode_segment(conversation);
    const http::exchange e = admin.send(request);
    boost::system::error_code ec;
    const boost::json::value body = boost::json::parse(e.response.body, ec);
    if (e.outcome != http::outcome_kind::ok || ec || !body.is_object() || !body.as_object().contains("storedTotal")) {
        return std::nullopt;
    }
    return body.at("storedTotal").to_number<std::uint64_t>();
}

class case_runner {
public:
    case_runner(const suite& s, const scenario_case& c, run_context& context)
        : case_(c), context_(context), vars_(target_variables(context.target)),
          client_(context.target.url, context.target.client) {
        outcome_.suite = s.name;
        outcome_.name = c.name;
        outcome_.description = c.description;
    }

    result::case_outcome run() {
        const auto started = std::chrono::steady_clock::now();
        for (const step& s : case_.steps) {
            if (!run_step(s)) {
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
            conversation = build_request(s.request, vars_, context_.target, context_.operation, context_.profile).conversation;
            if (s.expect.stored) {
                before = stored_total(context_.target, conversation);
            }
            for (int round = 0; round < s.repeat; ++round) {
                if (s.concurrent > 1) {
                    send_concurrently(s, replies);
                } else {
                    replies.push_back(client_.send(build_request(s.request, vars_, context_.target, context_.operation, context_.profile).request));
                }
            }
        } catch (const std::invalid_argument& e) {
            outcome_.checks.push_back(make_check("step:" + s.id, false, std::string("the request could not be built: ") + e.what(),
                                                 "a request", e.what(), "scenario file"));
            return false;
        }
        for (const http::exchange& reply : replies) {
            const int index = static_cast<int>(outcome_.exchanges.size());
            outcome_.exchanges.push_back(reply);
            check_reply(s, reply, index);
        }
        check_step(s, replies, conversation, before);
        capture(s, replies);
        return true;
    }

    void send_concurrently(const step& s, std::vector<http::exchange>& replies) {
        const int copies = s.concurrent;
        std::vector<http::http_request> requests;
        for (int i = 0; i < copies; ++i) {
            requests.push_back(build_request(s.request, vars_, context_.target, context_.operation, context_.profile).request);
        }
        // Each copy gets its own connection, opened first, then all are released at once.
        std::vector<std::unique_ptr<http::http_client>> clients;
        for (int i = 0; i < copies; ++i) {
            clients.push_back(std::make_unique<http::http_client>(context_.target.url, context_.target.client));
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

    void check_reply(const step& s, const http::exchange& reply, int index) {
        const step_expectation& e = s.expect;
        checks::check_response(context_.operation, reply, index, {e.schema}, context_.memory, outcome_.checks);
        if (reply.outcome != http::outcome_kind::ok) {
            return;
        }
        const int status = reply.response.status;
        const std::vector<int> allowed = allowed_statuses(e);
        if (!allowed.empty()) {
            std::string expected;
            for (int a : allowed) {
                expected += (expected.empty() ? "" : " or ") + std::to_string(a);
            }
            const bool ok = std::find(allowed.begin(), allowed.end(), status) != allowed.end();
            std::string rule = e.failure ? "profile: " + std::string(hc::to_string(*e.failure)) + " -> " +
                                               std::to_string(context_.profile.failure(*e.failure).status)
                                         : "scenario " + s.id;
            outcome_.checks.push_back(make_check("status", ok, "status " + std::to_string(status) +
                                                                   (ok ? "" : ", expected " + expected),
                                                 expected, std::to_string(status), rule, index));
        }
        boost::system::error_code ec;
        const boost::json::value body = boost::json::parse(reply.response.body, ec);
        if (e.failure && status == context_.profile.failure(*e.failure).status) {
            const std::string& code = context_.profile.failure(*e.failure).code;
            const auto* actual = ec ? nullptr : json::find_pointer(body, "/error/code");
            const bool ok = actual != nullptr && actual->is_string() && actual->as_string() == code;
            outcome_.checks.push_back(make_check(
                "error_code", ok, ok ? "error.code " + code : "error.code is not " + code, code,
                actual == nullptr ? "absent" : boost::json::serialize(*actual),
                "profile: " + std::string(hc::to_string(*e.failure)) + " -> error.code " + code, index));
        }
        for (const json_expectation& j : e.json) {
            check_json(j, ec ? nullptr : &body, index);
        }
        for (const header_expectation& h : e.headers) {
            check_header(h, reply, index);
        }
        for (const std::string& field : e.field_errors) {
            bool named = false;
            if (const auto* list = ec ? nullptr : json::find_pointer(body, "/error/fieldErrors"); list && list->is_array()) {
                for (const auto& item : list->as_array()) {
                    const auto* f = item.is_object() ? item.as_object().if_contains("field") : nullptr;
                    named = named || (f != nullptr && f->is_string() && f->as_string() == field);
                }
            }
            outcome_.checks.push_back(make_check("field_errors:" + field, named,
                                                 named ? "fieldErrors names " + field
                                                       : "fieldErrors does not name " + field,
                                                 "a fieldErrors entry with field \"" + field + "\"",
                                                 ec ? "no JSON body" : boost::json::serialize(
                                                     json::find_pointer(body, "/error") ? *json::find_pointer(body, "/error")
                                                                                      : boost::json::value()),
                                                 "profile rule 4: fieldErrors names each bad field", index));
        }
        if (!e.same_data_as.empty() && status >= 200 && status < 300) {
            auto it = data_by_step_.find(e.same_data_as);
            const auto* data = ec ? nullptr : json::find_pointer(body, "/data");
            const bool ok = it != data_by_step_.end() && data != nullptr && *data == it->second;
            outcome_.checks.push_back(make_check(
                "same_data", ok,
                ok ? "same data as step " + e.same_data_as : "data differs from step " + e.same_data_as + "'s",
                it == data_by_step_.end() ? "(step " + e.same_data_as + " had no successful reply)"
                                          : boost::json::serialize(it->second),
                data == nullptr ? "no data" : boost::json::serialize(*data),
                "profile rule 6: a resend with the same key and payload gets the first reply's data", index));
        }
        if (!e.different_data_from.empty() && status >= 200 && status < 300) {
            auto it = data_by_step_.find(e.different_data_from);
            const auto* data = ec ? nullptr : json::find_pointer(body, "/data");
            const bool ok = it != data_by_step_.end() && data != nullptr && *data != it->second;
            outcome_.checks.push_back(make_check(
                "new_message", ok,
                ok ? "a new message, not step " + e.different_data_from + "'s"
                   : "the reply replays step " + e.different_data_from + "'s data",
                "data other than " + (it == data_by_step_.end() ? std::string("(no earlier data)")
                                                                : boost::json::serialize(it->second)),
                data == nullptr ? "no data" : boost::json::serialize(*data),
                "profile rule 6: keys are scoped per project, conversation and caller; no key, no replay", index));
        }
        if (e.latency_ms) {
            const long took = static_cast<long>(reply.timings.total_us / 1000);
            outcome_.checks.push_back(make_check("latency", took <= *e.latency_ms,
                                                 "took " + std::to_string(took) + " ms",
                                                 "<= " + std::to_string(*e.latency_ms) + " ms",
                                                 std::to_string(took) + " ms", "scenario " + s.id, index));
        }
    }

    void check_json(const json_expectation& j, const boost::json::value* body, int index) {
        const boost::json::value* actual = body == nullptr ? nullptr : json::find_pointer(*body, j.pointer);
        const std::string shown = actual == nullptr ? "absent" : boost::json::serialize(*actual);
        bool ok = false;
        std::string expected;
        switch (j.kind) {
        case json_check_kind::equals:
            ok = actual != nullptr && *actual == vars_.expand(j.value);
            expected = boost::json::serialize(j.value);
            break;
        case json_check_kind::exists:
            ok = actual != nullptr;
            expected = "present";
            break;
        case json_check_kind::absent:
            ok = actual == nullptr;
            expected = "absent";
            break;
        case json_check_kind::matches: {
            const std::string text = actual == nullptr ? "" : actual->is_string() ? std::string(actual->as_string()) : shown;
            ok = actual != nullptr && std::regex_search(text, std::regex(j.pattern));
            expected = "matching /" + j.pattern + "/";
            break;
        }
        }
        outcome_.checks.push_back(make_check("json:" + j.pointer, ok,
                                             json::display_pointer(j.pointer) + (ok ? " is " : " is not ") + expected,
                                             expected, shown, "scenario expectation", index));
    }

    void check_header(const header_expectation& h, const http::exchange& reply, int index) {
        const std::string_view value = reply.response.header(h.name);
        const bool present = !value.empty();
        bool ok = true;
        std::string expected;
        if (h.absent) {
            ok = !present;
            expected = "absent";
        } else if (h.equals) {
            ok = present && value == *h.equals;
            expected = *h.equals;
        } else if (h.matches) {
            ok = present && std::regex_search(std::string(value), std::regex(*h.matches));
            expected = "matching /" + *h.matches + "/";
        } else {
            ok = present;
            expected = "present";
        }
        outcome_.checks.push_back(make_check("header:" + h.name, ok, h.name + (ok ? " as expected" : " unexpected"),
                                             expected, present ? std::string(value) : "absent",
                                             "scenario expectation", index));
    }

    // Checks over all copies of a step: shared data, messages stored.
    void check_step(const step& s, const std::vector<http::exchange>& replies, const std::string& conversation,
                    std::optional<std::uint64_t> before) {
        if (s.expect.same_data_across_copies) {
            std::set<std::string> distinct;
            int successes = 0;
            for (const auto& reply : replies) {
                if (reply.outcome == http::outcome_kind::ok && reply.response.status >= 200 && reply.response.status < 300) {
                    boost::system::error_code ec;
                    const auto body = boost::json::parse(reply.response.body, ec);
                    const auto* data = ec ? nullptr : json::find_pointer(body, "/data");
                    distinct.insert(data == nullptr ? "(no data)" : boost::json::serialize(*data));
                    ++successes;
                }
            }
            const bool ok = distinct.size() <= 1 && successes > 0;
            outcome_.checks.push_back(make_check(
                "same_data_across_copies", ok,
                std::to_string(successes) + " successful copies carry " + std::to_string(distinct.size()) +
                    " distinct data",
                "one data (one messageUuid) among all successes", std::to_string(distinct.size()) + " distinct",
                "profile rule 6: exactly one message per key, the same data in every successful reply"));
        }
        if (s.expect.stored) {
            if (!before) {
                outcome_.checks.push_back({"stored", check_status::skipped,
                                           "the target cannot tell what it stored (no admin API)", "", "", "", -1});
                return;
            }
            const auto after = stored_total(context_.target, conversation);
            const long delta = after ? static_cast<long>(*after - *before) : -1;
            const bool ok = after && delta == *s.expect.stored;
            outcome_.checks.push_back(make_check(
                "stored", ok, std::to_string(delta) + " message(s) stored by step " + s.id,
                std::to_string(*s.expect.stored), std::to_string(delta),
                *s.expect.stored == 0 ? "profile rules 3-4: a refused request stores nothing"
                                      : "profile rule 6: exactly one message per idempotency key"));
        }
    }

    void capture(const step& s, const std::vector<http::exchange>& replies) {
        for (const auto& reply : replies) {
            if (reply.outcome != http::outcome_kind::ok) {
                continue;
            }
            boost::system::error_code ec;
            const auto body = boost::json::parse(reply.response.body, ec);
            if (ec) {
                continue;
            }
            if (reply.response.status >= 200 && reply.response.status < 300 && !data_by_step_.contains(s.id)) {
                if (const auto* data = json::find_pointer(body, "/data")) {
                    data_by_step_[s.id] = *data;
                }
            }
            for (const auto& [name, pointer] : s.capture) {
                if (const auto* v = json::find_pointer(body, pointer); v != nullptr && !vars_.has(name)) {
                    vars_.set(name, v->is_string() ? std::string(v->as_string()) : boost::json::serialize(*v));
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
};

} // namespace

result::case_outcome run_case(const suite& s, const scenario_case& c, run_context& context) {
    if (auto missing = missing_requirement(c, context.target)) {
        result::case_outcome skipped;
        skipped.suite = s.name;
        skipped.name = c.name;
        skipped.description = c.description;
        skipped.skip_reason = *missing;
        skipped.status = result::case_status::skipped;
        return skipped;
    }
    return case_runner(s, c, context).run();
}

} // namespace harness::scenario
