#include "builtin_suites.hpp"

#include "routing_suite.hpp"
#include "scenario_loader.hpp"
#include "validation_suite.hpp"
#include "values_suite.hpp"

#include <stdexcept>

namespace harness::scenario {

namespace embedded {
extern const std::string_view conformance_suite;
extern const std::string_view auth_suite;
extern const std::string_view idempotency_suite;
extern const std::string_view protocols_suite;
} // namespace embedded

std::vector<std::string> builtin_suite_names() {
    return {"conformance", "validation", "values", "routing", "auth", "idempotency", "protocols"};
}

suite builtin_suite(const std::string& name, const contract::contract& contract,
                    const contract::operation& operation, const contract::profile& profile,
                    std::uint64_t values_seed) {
    if (name == "validation") {
        return generate_validation_suite(
            contract, contract::derive_coverage_model(contract, operation, profile), profile);
    }
    if (name == "values") {
        return generate_values_suite(contract, operation,
                                     contract::derive_coverage_model(contract, operation, profile), profile,
                                     values_seed);
    }
    if (name == "routing") {
        return generate_routing_suite(contract, contract::derive_coverage_model(contract, operation, profile),
                                      profile);
    }
    if (name == "conformance") {
        return parse_suite(embedded::conformance_suite, "scenarios/conformance.yaml (built-in)");
    }
    if (name == "auth") {
        return parse_suite(embedded::auth_suite, "scenarios/auth.yaml (built-in)");
    }
    if (name == "idempotency") {
        return parse_suite(embedded::idempotency_suite, "scenarios/idempotency.yaml (built-in)");
    }
    if (name == "protocols") {
        return parse_suite(embedded::protocols_suite, "scenarios/protocols.yaml (built-in)");
    }
    throw std::invalid_argument(
        "unknown suite '" + name +
        "' (expected conformance, validation, values, routing, auth, idempotency, protocols)");
}

} // namespace harness::scenario
