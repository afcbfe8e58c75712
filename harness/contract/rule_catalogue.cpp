#include "rule_catalogue.hpp"

namespace harness::contract {

namespace {

constexpr std::string_view store_needs =
    "what the target stored is not visible to requests: give --store-url (or --admin-url)";

// The checks every refusal of `kind` runs, named by the case that provokes it: "status" and "error_code" run
// on every reply, so only a case provoking that kind speaks for it.
std::vector<rule_check> refusal_checks(failure_kind kind) {
    const std::string in = "failure " + std::string(to_string(kind));
    return {{"status", in}, {"error_code", in}};
}

// Where no request alone provokes the failure kind whose checks a rule runs.
void add_needs_of(failure_kind kind, profile_rule& rule) {
    rule.needs = needs_to_provoke(kind);
    rule.input = input_to_provoke(kind);
}

class catalogue_builder {
public:
    explicit catalogue_builder(const profile& p) : profile_(p) {}

    std::vector<profile_rule> build() {
        add_success();
        add_auth();
        add_failures();
        add_idempotency();
        add_time();
        if (profile_.slo) {
            add("slo", "the latency budget holds: p99 of an open-loop burst", {{"latency_p99", ""}});
        }
        return std::move(rules_);
    }

private:
    profile_rule& add(std::string id, std::string description, std::vector<rule_check> checks) {
        rules_.push_back(
            {std::move(id), std::move(description), std::move(checks), "", coverage_input::none});
        return rules_.back();
    }

    void add_stored(std::string id, std::string description) {
        profile_rule& rule =
            add(std::move(id), std::move(description), {{"stored", ""}, {"stored_exactly", ""}});
        rule.needs = std::string(store_needs);
        rule.input = coverage_input::store_oracle;
    }

    void add_success() {
        add("success.status", "an accepted message gets the success status, success true exactly for 2xx",
            {{"success_flag", ""}, {"valid_request_status", ""}, {"burst_status", ""}});
        add_stored("success.status: stored", "a valid send stores one message");
        for (const std::string& pointer : profile_.echoed_fields) {
            add("success.echoed_fields: " + pointer,
                "/data" + pointer + " is the request's " + pointer + " as sent", {{"echoed:" + pointer, ""}});
        }
    }

    void add_auth() {
        const std::vector<rule_check> unauthenticated = refusal_checks(failure_kind::unauthenticated);
        add("auth.scheme", "a credential without the scheme is refused as unauthenticated", unauthenticated);
        add("auth.header", "a request without the header is refused as unauthenticated", unauthenticated);
        if (!profile_.company_pointer.empty()) {
            add("auth.company_pointer", "another company at " + profile_.company_pointer + " is forbidden",
                refusal_checks(failure_kind::forbidden));
        }
    }

    void add_failures() {
        add("failures", "every failure has success false and an error whose errorId no other failure has",
            {{"error_present", ""}, {"error_id_unique", ""}});
        add_stored("failures: nothing stored", "a refused request stores nothing and reserves no key");
        for (std::size_t i = 0; i < failure_kind_count; ++i) {
            const auto kind = static_cast<failure_kind>(i);
            const std::string name(to_string(kind));
            const failure_reply& f = profile_.failure(kind);
            std::vector<rule_check> checks = refusal_checks(kind);
            if (kind == failure_kind::validation) {
                checks.push_back({"field_errors:*", ""});
            }
            profile_rule& rule =
                add("failures." + name,
                    name + " gets " + std::to_string(f.status) + " " + f.code +
                        (kind == failure_kind::validation ? ", fieldErrors naming each field" : ""),
                    std::move(checks));
            add_needs_of(kind, rule);
            for (const std::string& header : f.headers) {
                profile_rule& with_header =
                    add("failures." + name + ".headers: " + header,
                        "every " + name + " reply carries " + header, {{"header:" + header, ""}});
                add_needs_of(kind, with_header);
            }
        }
        add("limits.max_body_bytes",
            "a body over " + std::to_string(profile_.max_body_bytes) + " bytes is payload_too_large",
            refusal_checks(failure_kind::payload_too_large));
    }

    void add_idempotency() {
        const idempotency_rules& idem = profile_.idempotency;
        add("idempotency.key_pointer",
            "the key at " + idem.key_pointer + " replays its message; a new key, or none, stores a new one",
            {{"same_data", ""}, {"new_message", ""}, {"message_uuid_unique", ""}});
        std::vector<rule_check> payload = refusal_checks(failure_kind::idempotency_key_reused);
        payload.insert(payload.begin(), {"same_data", ""});
        add("idempotency.payload_fields", "the same values of the payload fields replay, others are refused",
            std::move(payload));
        add("idempotency.scope", "another caller or conversation using a key gets a new message",
            {{"new_message", ""}});
        add("idempotency.on_same_payload",
            "a resend with the same key and payload gets the first reply again",
            {{"same_data", ""}, {"same_data_across_copies", ""}, {"replay_created_at", ""}});
        add_stored("idempotency.on_same_payload: stored once", "a resend stores no second message");
        add("idempotency.on_different_payload",
            "the same key with another payload is " + std::string(to_string(idem.on_different_payload)),
            refusal_checks(idem.on_different_payload));
        std::vector<rule_check> in_flight = refusal_checks(idem.on_in_flight);
        in_flight.insert(in_flight.begin(), {"same_data_across_copies", ""});
        add("idempotency.on_in_flight",
            "concurrent resends carry one message; one meeting the first in flight may get " +
                std::string(to_string(idem.on_in_flight)),
            std::move(in_flight));
        add("idempotency.expiry_seconds",
            "a key is remembered for " + std::to_string(idem.expiry_seconds) + " s, then forgotten", {})
            .needs = std::string(no_check_covers_it) +
                     " (a check would wait out the expiry: no suite sends a key again after it)";
        add("idempotency.capacity",
            "at most " + std::to_string(idem.capacity) + " keys are remembered, the oldest evicted first", {})
            .needs = std::string(no_check_covers_it) +
                     " (a check would send more keys than the capacity and resend the oldest: no suite does)";
    }

    void add_time() {
        for (const std::string& pointer : profile_.time.epoch_millis) {
            add("time.epoch_millis: " + pointer, pointer + " holds epoch milliseconds",
                {{"epoch_millis:" + pointer, ""}});
        }
        add("time.tolerance_seconds",
            "times lie within " + std::to_string(profile_.time.tolerance_seconds) +
                " s of the request's; a replay carries the first send's",
            {{"epoch_millis:*", ""}, {"replay_created_at", ""}});
    }

    const profile& profile_;
    std::vector<profile_rule> rules_;
};

} // namespace

std::vector<profile_rule> rule_catalogue(const profile& p) {
    return catalogue_builder(p).build();
}

std::string evidence_of(const rule_check& check) {
    return check.in_case.empty() ? check.name : check.name + " in " + check.in_case;
}

bool evidence_matches(std::string_view pattern, std::string_view observed) {
    if (pattern.ends_with('*')) {
        pattern.remove_suffix(1);
        return observed.starts_with(pattern);
    }
    return pattern == observed;
}

} // namespace harness::contract
