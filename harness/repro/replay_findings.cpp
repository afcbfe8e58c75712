#include "replay_findings.hpp"

#include "harness/checks/data_checks.hpp"
#include "harness/checks/message_ledger.hpp"
#include "harness/checks/profile_checks.hpp"
#include "harness/checks/response_checks.hpp"
#include "harness/checks/semantic_checks.hpp"
#include "harness/json/pointer.hpp"
#include "harness/result/run_judgement.hpp"
#include "harness/result/time_text.hpp"
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
                           const checks::parsed_reply& reply, checks::check_outcomes& out) {
    if (!reply.answered()) {
        return;
    }
    if (expectation.failure) {
        out.push_back(
            checks::failure_status(reply, profile, *expectation.failure, expectation.problems.front()));
        if (reply.status() == profile.failure(*expectation.failure).status) {
            out.push_back(checks::failure_code(reply, profile, *expectation.failure));
        }
        return;
    }
    out.push_back(checks::valid_request_status(reply, profile));
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

void compare_error_codes(const std::vector<checks::parsed_reply>& replies,
                         std::vector<std::string>& differences) {
    std::map<std::string, int> codes;
    for (const checks::parsed_reply& reply : replies) {
        if (!reply.answered() || reply.status() < 400) {
            continue;
        }
        const boost::json::value* code = reply.at("/error/code");
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

void compare_messages(const request_expectation& expectation,
                      const std::vector<checks::parsed_reply>& replies, checks::check_outcomes& out,
                      std::vector<std::string>& differences) {
    const auto successes =
        std::count_if(replies.begin(), replies.end(), [](const auto& r) { return r.two_xx(); });
    if (expectation.idempotency_key.empty() || successes < 2) {
        return;
    }
    out.push_back(checks::one_message_for_key(replies, expectation.idempotency_key, &replay_numbers));
    if (out.back().status == check_status::failed) {
        differences.push_back("a different messageUuid for the same idempotencyKey: " + out.back().actual);
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
    checks::message_ledger messages;
    // Each reply is parsed once; every check and comparison below reads the parsed form.
    std::vector<checks::parsed_reply> replies;
    replies.reserve(exchanges.size());
    for (std::size_t i = 0; i < exchanges.size(); ++i) {
        replies.emplace_back(exchanges[i], static_cast<int>(i));
    }
    for (std::size_t i = 0; i < exchanges.size(); ++i) {
        const int index = static_cast<int>(i);
        if (f.expectation.is_operation) {
            checks::check_response(context.operation, replies[i], {true}, memory, c.checks);
            checks::check_semantics(replies[i], context.profile, context.operation, c.checks);
            check_expected_status(f.expectation, context.profile, replies[i], c.checks);
            if (!f.expectation.failure) {
                // What the gateway did with the captured data: echoed as sent, a messageUuid of its own or
                // the same key's replay (the caller's company is not known here: any company passes where
                // none was sent). A request that should have been refused is judged by its status alone.
                checks::check_echoed_fields(replies[i], context.profile, context.operation, "", c.checks);
                checks::check_message_identity(replies[i], context.profile, context.operation,
                                               "replay " + std::to_string(i + 1), messages, c.checks);
            }
        } else if (!replies[i].answered()) {
            c.checks.push_back(checks::transport_failure(replies[i]));
        }
        f.reply_verdicts.push_back(describe_failed_checks(c.checks, index, context.operation, exchanges[i]));
        f.breaking_replies += f.reply_verdicts.back().empty() ? 0 : 1;
    }
    compare_statuses(exchanges, f.differences);
    compare_error_codes(replies, f.differences);
    if (f.expectation.is_operation) {
        compare_messages(f.expectation, replies, c.checks, f.differences);
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
    f.run.verdict = result::judge_replay_run(f.run, f.expectation.is_operation);
    (void)sent;
    return f;
}

} // namespace harness::repro
