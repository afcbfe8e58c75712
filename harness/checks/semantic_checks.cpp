#include "semantic_checks.hpp"

#include "rules.hpp"

#include <algorithm>
#include <cctype>

#include <boost/json/serialize.hpp>

namespace harness::checks {

namespace {

// Epoch milliseconds of 2001-09-09 and of the year 5138: a count of milliseconds since 1970 of any plausible
// date lies between; a count of seconds (about 1.8e9 today) lies far below.
constexpr std::int64_t smallest_plausible_ms = 1'000'000'000'000;
constexpr std::int64_t largest_plausible_ms = 100'000'000'000'000;

std::string describe_wrong_kind(const boost::json::value& v) {
    if (v.is_string()) {
        const auto& text = v.as_string();
        const bool iso = text.size() >= 10 && std::isdigit(static_cast<unsigned char>(text[0])) != 0 &&
                         text[4] == '-' && text[7] == '-';
        return iso ? "an ISO-8601 string, not a number of epoch milliseconds" : "a string, not a number";
    }
    if (v.is_double()) {
        return "a fractional number, not a whole number of milliseconds";
    }
    return "not a number";
}

std::string as_seconds_text(std::int64_t ms) {
    return std::to_string(ms / 1000) + " s";
}

} // namespace

check_outcome epoch_millis_field(const parsed_reply& reply, const std::string& pointer,
                                 std::int64_t tolerance_s, bool& present) {
    const boost::json::value* v = reply.at(pointer);
    present = v != nullptr && !v->is_null();
    const std::string name = "epoch_millis:" + pointer;
    const std::string expected = "epoch milliseconds";
    if (!present) {
        return make_outcome(name, true, "", "", "", "", reply.index());
    }
    const auto fail = [&](const std::string& why) {
        return make_outcome(name, false, pointer + " is " + why, expected, boost::json::serialize(*v),
                            std::string(rules::epoch_millis), reply.index());
    };
    std::int64_t ms = 0;
    if (v->is_int64()) {
        ms = v->as_int64();
    } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(largest_plausible_ms)) {
        ms = static_cast<std::int64_t>(v->as_uint64());
    } else if (v->is_uint64()) {
        return fail("far beyond any plausible date");
    } else {
        return fail(describe_wrong_kind(*v));
    }
    if (ms < smallest_plausible_ms) {
        const bool seconds = ms >= smallest_plausible_ms / 1000 && ms < largest_plausible_ms / 1000;
        return fail(seconds ? "epoch seconds (" + std::to_string(ms) + "), not milliseconds"
                            : "not a plausible epoch-milliseconds time (" + std::to_string(ms) + ")");
    }
    if (ms > largest_plausible_ms) {
        return fail("far beyond any plausible date (microseconds or nanoseconds?)");
    }
    const http::exchange& e = reply.exchange();
    if (e.sent_at_ms != 0) {
        const std::int64_t earliest = e.sent_at_ms - tolerance_s * 1000;
        const std::int64_t latest = e.sent_at_ms + e.timings.total_us / 1000 + 1 + tolerance_s * 1000;
        if (ms < earliest || ms > latest) {
            const std::int64_t off = ms < earliest ? e.sent_at_ms - ms : ms - e.sent_at_ms;
            return fail(as_seconds_text(off) + (ms < earliest ? " before" : " after") +
                        " the request was sent (allowed: " + std::to_string(tolerance_s) +
                        " s, time.tolerance_seconds)");
        }
    }
    return make_outcome(name, true, pointer + " is epoch milliseconds", expected, std::to_string(ms),
                        std::string(rules::epoch_millis), reply.index());
}

check_outcome failure_header(const parsed_reply& reply, contract::failure_kind kind, const std::string& name,
                             const std::string& method) {
    const std::string_view value = reply.exchange().response.header(name);
    bool ok = !value.empty();
    std::string message = ok ? name + ": " + std::string(value) : "no " + name + " header";
    if (ok && http::to_lower(name) == "allow") {
        // Allow is a comma-separated list of methods (RFC 9110 section 10.2.1); it must name the contract's.
        std::string list(value);
        std::erase(list, ' ');
        list = "," + list + ",";
        ok = list.find("," + method + ",") != std::string::npos;
        message = ok ? message : "Allow: " + std::string(value) + " does not list " + method;
    }
    return make_outcome("header:" + name, ok, message,
                        http::to_lower(name) == "allow" ? name + " listing " + method : name + " present",
                        value.empty() ? "absent" : std::string(value), rules::failure_header(kind, name),
                        reply.index());
}

void check_semantics(const parsed_reply& reply, const contract::profile& profile,
                     const contract::operation& operation, check_outcomes& out) {
    if (!reply.answered()) {
        return;
    }
    if (reply.body() != nullptr) {
        for (const std::string& pointer : profile.time.epoch_millis) {
            bool present = false;
            check_outcome outcome =
                epoch_millis_field(reply, pointer, profile.time.tolerance_seconds, present);
            if (present) {
                out.push_back(std::move(outcome));
            }
        }
    }
    for (std::size_t i = 0; i < contract::failure_kind_count; ++i) {
        const auto kind = static_cast<contract::failure_kind>(i);
        const contract::failure_reply& failure = profile.failure(kind);
        if (failure.status != reply.status()) {
            continue;
        }
        for (const std::string& header : failure.headers) {
            out.push_back(failure_header(reply, kind, header, operation.method));
        }
    }
}

} // namespace harness::checks
