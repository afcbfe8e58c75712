#include "rules.hpp"

namespace harness::checks::rules {

namespace {

// Where shared/contract-profile.md states the behaviour of each failure kind.
std::string rule_of(contract::failure_kind kind) {
    switch (kind) {
    case contract::failure_kind::unauthenticated:
    case contract::failure_kind::forbidden:
        return "profile rule 3";
    case contract::failure_kind::validation:
    case contract::failure_kind::unsupported_media_type:
    case contract::failure_kind::payload_too_large:
        return "profile rule 4";
    case contract::failure_kind::not_found:
        return "profile rule 5";
    case contract::failure_kind::idempotency_in_progress:
    case contract::failure_kind::idempotency_key_reused:
        return "profile rule 6";
    case contract::failure_kind::internal:
        return "profile rule 7";
    case contract::failure_kind::method_not_allowed:
        break;
    }
    return "profile";
}

std::string prefix(contract::failure_kind kind) {
    const std::string name(contract::to_string(kind));
    return rule_of(kind) + " (failures." + name + "): " + name;
}

} // namespace

std::string failure_status(const contract::profile& profile, contract::failure_kind kind) {
    return prefix(kind) + " -> " + std::to_string(profile.failure(kind).status);
}

std::string failure_code(const contract::profile& profile, contract::failure_kind kind) {
    return prefix(kind) + " -> error.code " + profile.failure(kind).code;
}

std::string failure_header(contract::failure_kind kind, const std::string& header) {
    const std::string name(contract::to_string(kind));
    return "RFC 9110 (failures." + name + ".headers): a " + name + " reply carries " + header;
}

std::string valid_request_status(const contract::profile& profile) {
    return "profile rule 7 (success.status): a valid request is answered " +
           std::to_string(profile.success_status) +
           " or refused for its token's access or its idempotency key, never as invalid nor with a server "
           "error";
}

std::string responses_declared(const contract::operation& operation) {
    return "contract: responses of " + operation.method + " " + operation.path.text();
}

std::string response_schema_of(const std::string& status, const std::string& schema_name) {
    return "contract: responses/" + status + " -> " + schema_name;
}

} // namespace harness::checks::rules
