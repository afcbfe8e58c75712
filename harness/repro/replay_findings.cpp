#include "replay_findings.hpp"

#include "harness/result/duration_text.hpp"
#include "harness/checks/response_checks.hpp"
#include "harness/json/pointer.hpp"
#include "verdict_wording.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace harness::repro {

using harness::result::format_duration_us;

namespace {

using checks::check_outcome;
using checks::check_status;

check_outcome make_check(std::string name, bool passed, std::string message, std::string expected,
                         std::string actual, std::string rule, int exchange) {
    return {std::move(name),
            passed ? check_status::passed : check_status::failed,
            std::move(message),
            std::move(expected),
            std::move(actual),
            std::move(rule),
            exchange};
}

std::string outcome_label(const http::exchange& e) {
    return e.outcome == http::outcome_kind::ok ? std::to_string(e.response.status)
                                               : std::string(http::to_string(e.outcome));
}

std::string replay_numbers(const std::vector<int>& indexes) {
    std::string out;
    for (std::size_t i = 0; i < indexes.size() && i < 8; ++i) {
        out += (out.empty() ? "" : ", ") + std::to_string(indexes[i] + 1);
    }
    if (indexes.size() > 8) {
        out += ", …";
    }
    return out;
}

// The status the profile prescribes for this request, when the request alone decides it.
void check_expected_status(const request_expectation& expectation, const contract::profile& profile,
                           const http::exchange& e, int index, checks::check_outcomes& out) {
    if (e.outcome != http::outcome_kind::ok) {
        return;
    }
    const int status = e.response.status;
    if (expectation.failure) {
        const auto& f = profile.failure(*expectation.failure);
        const std::string kind(contract::to_string(*expectation.failure));
        out.push_back(make_check("status", status == f.status,
                                 status == f.status
                                     ? "status " + std::to_string(status) + " as the profile says"
                                     : "status " + std::to_string(status) + ", but the request " +
                                           expectation.problems.front() + ": the profile says " +
                                           std::to_string(f.status) + " " + f.code,
                                 std::to_string(f.status), std::to_string(status),
                                 "profile: " + kind + " -> " + std::to_string(f.status), index));
        if (status == f.status) {
            boost::system::error_code ec;
            const auto body = boost::json::parse(e.response.body, ec);
            const auto* code = ec ? nullptr : json::find_pointer(body, "/error/code");
            const bool ok = code != nullptr && code->is_string() && code->as_string() == f.code;
            out.push_back(make_check("error_code", ok,
                                     ok ? "error.code " + f.code : "error.code is not " + f.code, f.code,
                                     code == nullptr ? "absent" : boost::json::serialize(*code),
                                     "profile: " + kind + " -> error.code " + f.code, index));
        }
        return;
    }
    const bool ok = status < 500;
    out.push_back(
        make_check("no_server_error", ok,
                   ok ? "no server error" : "a request that keeps the contract got " + std::to_string(status),
                   "the success status or a refusal (4xx)", std::to_string(status),
                   "profile: a valid request is answered " + std::to_string(profile.success_status) +
                       " or refused for its token's access, never with a server error",
                   index));
}

void compare_statuses(const std::vector<http::exchange>& exchanges, std::vector<std::string>& differences) {
    std::map<std::string, std::vector<int>> by_status;
    for (std::size_t i = 0; i < exchanges.size(); ++i) {
        by_status[outcome_label(exchanges[i])].push_back(static_cast<int>(i));
    }
    if (by_status.size() <= 1) {
        return;
    }
    std::string text = "the status flips between replies:";
    for (const auto& [label, indexes] : by_status) {
        text += " " + label + " ×" + std::to_string(indexes.size()) + " (replay " + replay_numbers(indexes) +
                ");";
    }
    text.pop_back();
    differences.push_back(text);
}

void compare_error_codes(const std::vector<http::exchange>& exchanges,
                         std::vector<std::string>& differences) {
    std::map<std::string, int> codes;
    for (const auto& e : exchanges) {
        if (e.outcome != http::outcome_kind::ok || e.response.status < 400) {
            continue;
        }
        boost::system::error_code ec;
        const auto body = boost::json::parse(e.response.body, ec);
        const auto* code = ec ? nullptr : json::find_pointer(body, "/error/code");
        ++codes[code == nullptr ? "(none)" : boost::json::serialize(*code)];
    }
    if (codes.size() > 1) {
        std::string text = "failures carry different error codes:";
        for (const auto& [code, count] : codes) {
            text += " " + code + " ×" + std::to_string(count) + ",";
        }
        text.pop_back();
        differences.push_back(text);
    }
}

void compare_messages(const request_expectation& expectation, const std::vector<http::exchange>& exchanges,
                      checks::check_outcomes& out, std::vector<std::string>& differences) {
    std::map<std::string, std::vector<int>> by_message;
    for (std::size_t i = 0; i < exchanges.size(); ++i) {
        const auto& e = exchanges[i];
        if (e.outcome != http::outcome_kind::ok || e.response.status < 200 || e.response.status >= 300) {
            continue;
        }
        boost::system::error_code ec;
        const auto body = boost::json::parse(e.response.body, ec);
        const auto* id = ec ? nullptr : json::find_pointer(body, "/data/messageUuid");
        const auto* data = ec ? nullptr : json::find_pointer(body, "/data");
        by_message[id != nullptr     ? boost::json::serialize(*id)
                   : data != nullptr ? boost::json::serialize(*data)
                                     : "(no data)"]
            .push_back(static_cast<int>(i));
    }
    int successes = 0;
    for (const auto& [id, indexes] : by_message) {
        successes += static_cast<int>(indexes.size());
    }
    if (expectation.idempotency_key.empty() || successes < 2) {
        return;
    }
    const bool ok = by_message.size() == 1;
    std::string actual;
    for (const auto& [id, indexes] : by_message) {
        actual += (actual.empty() ? "" : "; ") + id + " in replay " + replay_numbers(indexes);
    }
    out.push_back(make_check(
        "idempotent_replay", ok,
        ok ? "all " + std::to_string(successes) + " successful replies carry one message"
           : "idempotencyKey " + expectation.idempotency_key + " got " + std::to_string(by_message.size()) +
                 " different messages across " + std::to_string(successes) + " successful replies",
        "one messageUuid for one idempotencyKey", actual,
        "profile rule 6: a resend with the same key and payload gets the first reply's data", -1));
    if (!ok) {
        differences.push_back("a different messageUuid for the same idempotencyKey: " + actual);
    }
}

void compare_latency(const std::vector<http::exchange>& exchanges, std::vector<std::string>& differences) {
    std::vector<std::int64_t> totals;
    for (const auto& e : exchanges) {
        if (e.outcome == http::outcome_kind::ok) {
            totals.push_back(e.timings.total_us);
        }
    }
    if (totals.size() < 3) {
        return;
    }
    std::vector<std::int64_t> sorted = totals;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2),
                     sorted.end());
    const std::int64_t median = sorted[sorted.size() / 2];
    for (std::size_t i = 0; i < exchanges.size(); ++i) {
        const auto& e = exchanges[i];
        // An outlier is well above the median both relatively and absolutely (sub-millisecond jitter is not
        // news).
        if (e.outcome == http::outcome_kind::ok && e.timings.total_us > 3 * median &&
            e.timings.total_us - median > 5000) {
            char ratio[16];
            std::snprintf(ratio, sizeof ratio, "%.0f",
                          static_cast<double>(e.timings.total_us) /
                              static_cast<double>(std::max<std::int64_t>(median, 1)));
            differences.push_back("replay " + std::to_string(i + 1) + " took " +
                                  format_duration_us(e.timings.total_us) + ", " + ratio + "× the median " +
                                  format_duration_us(median));
        }
    }
}

} // namespace

replay_findings judge_replays(const captured_request& captured, const replay_request& sent,
                              const std::vector<http::exchange>& exchanges, const replay_context& context) {
    replay_findings f;
    f.expectation = expect_for(sent.request, context.operation, context.profile);
    f.run.target = context.target_name;
    f.run.contract = context.contract_name;
    f.run.profile = context.profile.name + " (" + context.profile.source + ")";
    result::case_outcome c;
    c.suite = "repro";
    c.name = captured.origin;
    checks::run_memory memory;
    for (std::size_t i = 0; i < exchanges.size(); ++i) {
        const int index = static_cast<int>(i);
        if (f.expectation.is_operation) {
            checks::check_response(context.operation, exchanges[i], index, {true}, memory, c.checks);
            check_expected_status(f.expectation, context.profile, exchanges[i], index, c.checks);
        } else if (exchanges[i].outcome != http::outcome_kind::ok) {
            c.checks.push_back(make_check("transport", false, "no complete response: " + exchanges[i].error,
                                          "a complete HTTP response",
                                          std::string(http::to_string(exchanges[i].outcome)),
                                          "the endpoint answers every request", index));
        }
        f.reply_verdicts.push_back(describe_failed_checks(c.checks, index, context.operation, exchanges[i]));
        f.breaking_replies += f.reply_verdicts.back().empty() ? 0 : 1;
    }
    compare_statuses(exchanges, f.differences);
    compare_error_codes(exchanges, f.differences);
    if (f.expectation.is_operation) {
        compare_messages(f.expectation, exchanges, c.checks, f.differences);
    }
    compare_latency(exchanges, f.differences);
    c.exchanges = exchanges;
    c.description = f.expectation.summary;
    for (const auto& d : f.differences) {
        c.description += "; " + d;
    }
    for (const auto& e : exchanges) {
        c.duration_ms += static_cast<double>(e.timings.total_us) / 1000.0;
    }
    c.status = result::judge(c);
    f.run.cases.push_back(std::move(c));
    (void)sent;
    return f;
}

} // namespace harness::repro
