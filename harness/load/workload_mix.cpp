#include "workload_mix.hpp"

#include <charconv>
#include <stdexcept>

namespace harness::load {

namespace {

using harness::result::request_kind;
using harness::result::request_kind_count;

// `all`: mostly stored messages, every refusal a few percent, so the refusals' p99 is measured on enough
// replies and the run still loads the store.
constexpr std::array<std::uint32_t, request_kind_count> default_weights = {50, 10, 4, 6, 4, 3, 4,
                                                                           3,  3,  3, 4, 2, 4};

// What a kind needs that a target may lack; "" when it can always be sent.
std::string missing_input(request_kind kind, const harness::target::target_spec& target,
                          const contract::profile& profile) {
    if (kind == request_kind::expired_token && target.expired_token.empty()) {
        return "--expired-token-env";
    }
    if (kind == request_kind::other_project && target.other_project_token.empty()) {
        return "--other-project-token-env";
    }
    if (kind == request_kind::other_company && profile.company_pointer.size() < 2) {
        return "the profile's auth.company_pointer";
    }
    return "";
}

} // namespace

workload_mix workload_mix::parse(std::string_view spec, const harness::target::target_spec& target,
                                 const contract::profile& profile) {
    workload_mix mix;
    if (spec == "all") {
        for (std::size_t i = 0; i < request_kind_count; ++i) {
            const auto kind = static_cast<request_kind>(i);
            if (missing_input(kind, target, profile).empty()) {
                mix.add(kind, default_weights[i]);
            }
        }
        mix.finish();
        return mix;
    }
    std::vector<std::pair<std::string, std::uint32_t>> weights;
    while (!spec.empty()) {
        const std::size_t comma = spec.find(',');
        const std::string_view part = spec.substr(0, comma);
        spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
        const std::size_t equals = part.find('=');
        if (equals == std::string_view::npos) {
            throw std::invalid_argument("--mix: '" + std::string(part) +
                                        "' is not KIND=WEIGHT (e.g. new=80,no_auth=5)");
        }
        const std::string_view number = part.substr(equals + 1);
        std::uint32_t weight = 0;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), weight);
        if (ec != std::errc() || end != number.data() + number.size() || weight > 1'000'000) {
            throw std::invalid_argument("--mix: the weight of " + std::string(part.substr(0, equals)) +
                                        " must be a whole number from 0 to 1000000, got '" +
                                        std::string(number) + "'");
        }
        weights.emplace_back(std::string(part.substr(0, equals)), weight);
    }
    return from_weights(weights, target, profile);
}

workload_mix workload_mix::from_weights(const std::vector<std::pair<std::string, std::uint32_t>>& weights,
                                        const harness::target::target_spec& target,
                                        const contract::profile& profile) {
    workload_mix mix;
    for (const auto& [name, weight] : weights) {
        const auto kind = harness::result::request_kind_from_string(name);
        if (!kind) {
            throw std::invalid_argument("--mix: unknown request kind '" + name + "' (expected one of " +
                                        harness::result::request_kind_names() + ", or all)");
        }
        if (const std::string needs = missing_input(*kind, target, profile); !needs.empty() && weight > 0) {
            throw std::invalid_argument("--mix: the request kind " + name + " needs " + needs);
        }
        mix.add(*kind, weight);
    }
    mix.finish();
    return mix;
}

void workload_mix::add(request_kind kind, std::uint32_t weight) {
    weights_[static_cast<std::size_t>(kind)] = weight;
}

void workload_mix::finish() {
    total_ = 0;
    for (std::size_t i = 0; i < request_kind_count; ++i) {
        total_ += weights_[i];
        upper_[i] = total_;
    }
    if (total_ == 0) {
        throw std::invalid_argument("--mix: every weight is 0; give at least one kind a weight");
    }
}

request_kind workload_mix::choose(std::uint64_t random) const noexcept {
    const std::uint64_t point = random % total_;
    std::size_t i = 0;
    while (point >= upper_[i]) {
        ++i;
    }
    return static_cast<request_kind>(i);
}

std::string workload_mix::to_string() const {
    std::string text;
    for (std::size_t i = 0; i < request_kind_count; ++i) {
        if (weights_[i] > 0) {
            text += (text.empty() ? "" : ",") +
                    std::string(harness::result::to_string(static_cast<request_kind>(i))) + "=" +
                    std::to_string(weights_[i]);
        }
    }
    return text;
}

} // namespace harness::load
