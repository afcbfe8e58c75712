#include "request_kind.hpp"

#include <algorithm>

namespace harness::result {

namespace {

constexpr std::array<std::string_view, request_kind_count> names = {
    "new",           "resend",        "key_reuse",           "no_key",        "no_auth",
    "wrong_scheme",  "unknown_token", "expired_token",       "other_project", "other_company",
    "invalid_field", "not_json",      "unknown_conversation"};

} // namespace

std::string_view to_string(request_kind kind) {
    return names[static_cast<std::size_t>(kind)];
}

std::optional<request_kind> request_kind_from_string(std::string_view name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
        return std::nullopt;
    }
    return static_cast<request_kind>(it - names.begin());
}

std::string request_kind_names() {
    std::string text;
    for (std::string_view name : names) {
        text += (text.empty() ? "" : ", ") + std::string(name);
    }
    return text;
}

std::optional<contract::failure_kind> expected_failure(request_kind kind, const contract::profile& profile) {
    switch (kind) {
    case request_kind::new_message:
    case request_kind::resend:
    case request_kind::no_key:
        return std::nullopt;
    case request_kind::key_reuse:
        return profile.idempotency.on_different_payload;
    case request_kind::no_auth:
    case request_kind::wrong_scheme:
    case request_kind::unknown_token:
    case request_kind::expired_token:
        return contract::failure_kind::unauthenticated;
    case request_kind::other_project:
    case request_kind::other_company:
        return contract::failure_kind::forbidden;
    case request_kind::invalid_field:
    case request_kind::not_json:
        return contract::failure_kind::validation;
    case request_kind::unknown_conversation:
        return contract::failure_kind::not_found;
    }
    return std::nullopt;
}

int expected_status(request_kind kind, const contract::profile& profile) {
    const auto failure = expected_failure(kind, profile);
    return failure ? profile.failure(*failure).status : profile.success_status;
}

void kind_stats::merge(const kind_stats& other) {
    intended += other.intended;
    answered += other.answered;
    failed += other.failed;
    wrong_status += other.wrong_status;
    checked += other.checked;
    broke_rule += other.broke_rule;
    data_mismatches += other.data_mismatches;
    latency.add(other.latency);
    expected_status = expected_status != 0 ? expected_status : other.expected_status;
    rule = rule.empty() ? other.rule : rule;
    if (first_problem.empty()) {
        first_problem = other.first_problem;
    }
}

} // namespace harness::result
