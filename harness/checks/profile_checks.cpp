#include "profile_checks.hpp"

#include "rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <boost/json/serialize.hpp>

namespace harness::checks {

check_outcome status_among(const parsed_reply& reply, const std::vector<int>& allowed, std::string rule) {
    std::string expected;
    for (int a : allowed) {
        expected += (expected.empty() ? "" : " or ") + std::to_string(a);
    }
    const int status = reply.status();
    const bool ok = std::find(allowed.begin(), allowed.end(), status) != allowed.end();
    return make_outcome("status", ok,
                        "status " + std::to_string(status) + (ok ? "" : ", expected " + expected), expected,
                        std::to_string(status), std::move(rule), reply.index());
}

check_outcome failure_status(const parsed_reply& reply, const contract::profile& profile,
                             contract::failure_kind kind, const std::string& why) {
    const auto& f = profile.failure(kind);
    const int status = reply.status();
    const bool ok = status == f.status;
    std::string message = "status " + std::to_string(status);
    if (ok) {
        message += why.empty() ? "" : " as the profile says";
    } else {
        message += why.empty() ? ", expected " + std::to_string(f.status)
                               : ", but the request " + why + ": the profile says " +
                                     std::to_string(f.status) + " " + f.code;
    }
    return make_outcome("status", ok, std::move(message), std::to_string(f.status), std::to_string(status),
                        rules::failure_status(profile, kind), reply.index());
}

check_outcome failure_code(const parsed_reply& reply, const contract::profile& profile,
                           contract::failure_kind kind) {
    const std::string& code = profile.failure(kind).code;
    const boost::json::value* actual = reply.at("/error/code");
    const bool ok = actual != nullptr && actual->is_string() && actual->as_string() == code;
    return make_outcome("error_code", ok, ok ? "error.code " + code : "error.code is not " + code, code,
                        shown(actual), rules::failure_code(profile, kind), reply.index());
}

check_outcome field_error_named(const parsed_reply& reply, const std::string& field) {
    bool named = false;
    if (const boost::json::value* list = reply.at("/error/fieldErrors");
        list != nullptr && list->is_array()) {
        for (const auto& item : list->as_array()) {
            const auto* f = item.is_object() ? item.as_object().if_contains("field") : nullptr;
            named = named || (f != nullptr && f->is_string() && f->as_string() == field);
        }
    }
    const boost::json::value* error = reply.at("/error");
    return make_outcome("field_errors:" + field, named,
                        named ? "fieldErrors names " + field : "fieldErrors does not name " + field,
                        "a fieldErrors entry with field \"" + field + "\"",
                        reply.body() == nullptr
                            ? "no JSON body"
                            : boost::json::serialize(error ? *error : boost::json::value()),
                        std::string(rules::field_errors_named), reply.index());
}

check_outcome same_data_as(const parsed_reply& reply, const boost::json::value* first,
                           const std::string& first_step) {
    const boost::json::value* data = reply.at("/data");
    const bool ok = first != nullptr && data != nullptr && *data == *first;
    return make_outcome("same_data", ok,
                        ok ? "same data as step " + first_step
                           : "data differs from step " + first_step + "'s",
                        first == nullptr ? "(step " + first_step + " had no successful reply)"
                                         : boost::json::serialize(*first),
                        data == nullptr ? "no data" : boost::json::serialize(*data),
                        std::string(rules::replay_same_data), reply.index());
}

std::string answer_summary(const parsed_reply& reply) {
    if (!reply.answered()) {
        return "no reply";
    }
    const boost::json::value* success = reply.at("/success");
    const boost::json::value* code = reply.at("/error/code");
    return "status " + std::to_string(reply.status()) + ", success " +
           (success != nullptr ? boost::json::serialize(*success) : std::string("absent")) + ", error.code " +
           (code != nullptr ? boost::json::serialize(*code) : std::string("absent"));
}

check_outcome same_answer_as(const parsed_reply& reply, const std::string* earlier,
                             const std::string& earlier_step) {
    const std::string answer = answer_summary(reply);
    const bool ok = earlier != nullptr && *earlier == answer;
    return make_outcome("same_answer", ok,
                        ok ? "answered as step " + earlier_step
                           : "answered otherwise than step " + earlier_step,
                        earlier == nullptr ? "(step " + earlier_step + " had no reply)" : *earlier, answer,
                        std::string(rules::same_answer_over_protocols), reply.index());
}

check_outcome new_message(const parsed_reply& reply, const boost::json::value* earlier,
                          const std::string& earlier_step) {
    const boost::json::value* data = reply.at("/data");
    const bool ok = earlier != nullptr && data != nullptr && *data != *earlier;
    return make_outcome("new_message", ok,
                        ok ? "a new message, not step " + earlier_step + "'s"
                           : "the reply replays step " + earlier_step + "'s data",
                        "data other than " + (earlier == nullptr ? std::string("(no earlier data)")
                                                                 : boost::json::serialize(*earlier)),
                        data == nullptr ? "no data" : boost::json::serialize(*data),
                        std::string(rules::key_scope), reply.index());
}

check_outcome one_data_across_copies(const std::vector<parsed_reply>& replies) {
    std::set<std::string> distinct;
    int successes = 0;
    for (const parsed_reply& reply : replies) {
        if (reply.two_xx()) {
            const boost::json::value* data = reply.at("/data");
            distinct.insert(data == nullptr ? "(no data)" : boost::json::serialize(*data));
            ++successes;
        }
    }
    const bool ok = distinct.size() <= 1 && successes > 0;
    return make_outcome("same_data_across_copies", ok,
                        std::to_string(successes) + " successful copies carry " +
                            std::to_string(distinct.size()) + " distinct data",
                        "one data (one messageUuid) among all successes",
                        std::to_string(distinct.size()) + " distinct",
                        std::string(rules::one_message_per_key));
}

check_outcome one_message_for_key(const std::vector<parsed_reply>& replies,
                                  const std::string& idempotency_key,
                                  std::string (*replay_names)(const std::vector<int>& indexes)) {
    std::map<std::string, std::vector<int>> by_message;
    int successes = 0;
    for (const parsed_reply& reply : replies) {
        if (!reply.two_xx()) {
            continue;
        }
        const boost::json::value* id = reply.at("/data/messageUuid");
        const boost::json::value* data = reply.at("/data");
        by_message[id != nullptr     ? boost::json::serialize(*id)
                   : data != nullptr ? boost::json::serialize(*data)
                                     : "(no data)"]
            .push_back(reply.index());
        ++successes;
    }
    const bool ok = by_message.size() <= 1;
    std::string actual;
    for (const auto& [id, indexes] : by_message) {
        actual += (actual.empty() ? "" : "; ") + id + " in replay " + replay_names(indexes);
    }
    return make_outcome(
        "idempotent_replay", ok,
        ok ? "all " + std::to_string(successes) + " successful replies carry one message"
           : "idempotencyKey " + idempotency_key + " got " + std::to_string(by_message.size()) +
                 " different messages across " + std::to_string(successes) + " successful replies",
        "one messageUuid for one idempotencyKey", actual, std::string(rules::replay_same_data));
}

check_outcome stored_messages(std::optional<std::uint64_t> before, std::optional<std::uint64_t> after,
                              std::uint64_t expected, const std::string& step, store_expectation why) {
    const std::string_view rule = why == store_expectation::refused  ? rules::refused_stores_nothing
                                  : why == store_expectation::replay ? rules::replay_stores_nothing
                                                                     : rules::one_stored_per_key;
    if (!before) {
        return {"stored",
                check_status::skipped,
                "the target cannot tell what it stored (no store oracle)",
                "",
                "",
                std::string(rule),
                -1};
    }
    const long delta = after ? static_cast<long>(*after - *before) : -1;
    const bool ok = after && delta == static_cast<long>(expected);
    return make_outcome("stored", ok, std::to_string(delta) + " message(s) stored by step " + step,
                        std::to_string(expected), std::to_string(delta), std::string(rule));
}

check_outcome stored_exactly(std::optional<std::uint64_t> before, std::optional<std::uint64_t> after,
                             std::uint64_t new_messages, bool countable, const std::string& step) {
    const std::string rule(rules::stored_exactly);
    if (!countable || !after) {
        // Neither is the target's doing to judge: a lost reply, or a store oracle that stopped answering.
        return {"stored_exactly",
                check_status::skipped,
                "step " + step +
                    (countable
                         ? ": the store oracle gave no count after it"
                         : ": a reply was lost or named no messageUuid, so what it stored is not known"),
                "",
                "",
                rule,
                -1};
    }
    if (*after < *before) {
        return make_outcome("stored_exactly", false,
                            "the store's count went down during step " + step + " (from " +
                                std::to_string(*before) + " to " + std::to_string(*after) + ")",
                            std::to_string(new_messages), std::to_string(*after), rule);
    }
    const std::uint64_t delta = *after - *before;
    return make_outcome("stored_exactly", delta == new_messages,
                        std::to_string(delta) + " message(s) stored by step " + step +
                            ", whose replies carry " + std::to_string(new_messages) + " new messageUuid(s)",
                        std::to_string(new_messages), std::to_string(delta), rule);
}

check_outcome valid_request_status(const parsed_reply& reply, const contract::profile& profile) {
    using contract::failure_kind;
    const int status = reply.status();
    std::string allowed = std::to_string(profile.success_status);
    bool ok = status == profile.success_status;
    for (const failure_kind kind :
         {failure_kind::unauthenticated, failure_kind::forbidden, failure_kind::not_found,
          failure_kind::idempotency_in_progress, failure_kind::idempotency_key_reused}) {
        const int refusal = profile.failure(kind).status;
        ok = ok || status == refusal;
        allowed +=
            (allowed.find(std::to_string(refusal)) == std::string::npos ? ", " + std::to_string(refusal)
                                                                        : "");
    }
    return make_outcome("valid_request_status", ok,
                        ok ? "the success status or a refusal for access or the key"
                           : "a request that keeps the contract got " + std::to_string(status),
                        "one of " + allowed, std::to_string(status), rules::valid_request_status(profile),
                        reply.index());
}

} // namespace harness::checks
