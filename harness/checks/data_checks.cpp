#include "data_checks.hpp"

#include "harness/json/pointer.hpp"
#include "rules.hpp"

#include <algorithm>
#include <cstddef>

#include <boost/json/serialize.hpp>

namespace harness::checks {

namespace {

// Values in outcomes stay short: a 400 KiB text shows its first bytes and its size.
constexpr std::size_t shown_bytes = 96;

bool utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return !utf8_continuation(c); }));
}

// A value for people, cut to about shown_bytes (at a UTF-8 boundary) with its full size said.
std::string excerpt(const boost::json::value* value) {
    if (value == nullptr) {
        return "absent";
    }
    std::string text = boost::json::serialize(*value);
    if (text.size() <= shown_bytes + 16) {
        return text;
    }
    std::size_t cut = shown_bytes;
    while (cut > 0 && utf8_continuation(text[cut])) {
        --cut;
    }
    return text.substr(0, cut) + "… (" + std::to_string(text.size()) + " bytes of JSON)";
}

// Where two strings part, in code points, and both lengths: "a trimmed value" or "a changed letter" shows.
std::string string_difference(std::string_view sent, std::string_view got) {
    const auto mismatch = std::mismatch(sent.begin(), sent.end(), got.begin(), got.end());
    std::size_t at = static_cast<std::size_t>(mismatch.first - sent.begin());
    while (at > 0 && at < sent.size() && utf8_continuation(sent[at])) {
        --at;
    }
    return "the first difference at code point " + std::to_string(code_points(sent.substr(0, at))) +
           " (sent " + std::to_string(code_points(sent)) + " code points, got " +
           std::to_string(code_points(got)) + ")";
}

std::string mismatch_message(const std::string& where, const boost::json::value& sent,
                             const boost::json::value* got) {
    if (got == nullptr) {
        return where + " is absent, but the request sent it";
    }
    if (sent.is_string() && got->is_string()) {
        return where +
               " differs from what was sent: " + string_difference(sent.as_string(), got->as_string());
    }
    return where + " differs from what was sent";
}

} // namespace

check_outcome echoed_field(const parsed_reply& reply, const boost::json::value& request,
                           const std::string& pointer, bool company_field, std::string_view caller_company) {
    const std::string where = "/data" + pointer;
    const boost::json::value* sent = json::find_pointer(request, pointer);
    const boost::json::value* got = reply.at("/data" + pointer);
    const std::string name = "echoed:" + pointer;
    const std::string rule(rules::echoed_field);
    if (sent != nullptr && !sent->is_null()) {
        const bool same = got != nullptr && *got == *sent;
        return make_outcome(name, same,
                            same ? where + " is what was sent" : mismatch_message(where, *sent, got),
                            excerpt(sent), excerpt(got), rule, reply.index());
    }
    const bool left_empty = got == nullptr || got->is_null();
    const bool callers_company = company_field && got != nullptr && got->is_string() &&
                                 (caller_company.empty() || got->as_string() == caller_company);
    const std::string expected =
        company_field ? "null, absent or the caller's company" +
                            (caller_company.empty() ? std::string() : " " + std::string(caller_company))
                      : "null or absent";
    return make_outcome(name, left_empty || callers_company,
                        left_empty        ? where + " not sent, and " + (got == nullptr ? "absent" : "null")
                        : callers_company ? where + " not sent, and the caller's company"
                                          : where + " was not sent, but data carries a value",
                        expected, excerpt(got), rule, reply.index());
}

void check_echoed_fields(const parsed_reply& reply, const contract::profile& profile,
                         const contract::operation& operation, std::string_view caller_company,
                         check_outcomes& out) {
    if (!reply.two_xx() || reply.exchange().request.method != operation.method ||
        profile.echoed_fields.empty()) {
        return;
    }
    const std::optional<boost::json::value> request = request_json(reply.exchange());
    if (request) {
        check_echoed_fields(reply, *request, profile, caller_company, out);
    }
}

void check_echoed_fields(const parsed_reply& reply, const boost::json::value& request,
                         const contract::profile& profile, std::string_view caller_company,
                         check_outcomes& out) {
    if (!request.is_object()) {
        return;
    }
    for (const std::string& pointer : profile.echoed_fields) {
        out.push_back(
            echoed_field(reply, request, pointer, pointer == profile.company_pointer, caller_company));
    }
}

} // namespace harness::checks
