#include "sequence_case.hpp"

#include "profile_model.hpp"

#include <algorithm>
#include <cstdio>

namespace harness::explore {

namespace {

namespace hc = harness::contract;
namespace hs = harness::scenario;

// Ids that name nothing on any gateway: another company, an unknown conversation.
constexpr std::string_view other_company = "0badc0de-0000-4000-8000-00000000c0de";
constexpr std::string_view unknown_conversation = "0badc0de-0000-4000-8000-00000000dead";

// A JSON string of a template: quotes, backslashes and control characters escaped; with `escape_all`, every
// ASCII letter and digit outside ${...} written as \u00XX too (the same string to a JSON parser).
std::string json_string(std::string_view value, bool escape_all) {
    std::string out = "\"";
    bool in_variable = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c == '$' && i + 1 < value.size() && value[i + 1] == '{') {
            in_variable = true;
        } else if (in_variable && c == '}') {
            in_variable = false;
            out += '}';
            continue;
        }
        const bool plain_ascii = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || (escape_all && !in_variable && plain_ascii)) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::string member_name(const std::string& pointer) {
    return pointer.size() > 1 ? pointer.substr(1) : pointer;
}

hs::step_expectation expectation_of(const prediction& p, const op& o, const hc::profile& profile) {
    hs::step_expectation e;
    switch (p.kind) {
    case reply_class::new_message:
    case reply_class::new_messages:
        e.status = {profile.success_status};
        break;
    case reply_class::replay:
        e.status = {profile.success_status};
        e.same_data_as = "s" + std::to_string(p.replay_of + 1);
        break;
    case reply_class::conflict:
    case reply_class::refusal:
        e.failure = p.failure;
        break;
    }
    if (p.in_flight_allowed) {
        e.also_allowed_status = {profile.failure(profile.idempotency.on_in_flight).status};
    }
    e.same_data_across_copies = o.kind == op_kind::burst;
    e.stored = static_cast<long>(p.stored);
    return e;
}

hs::request_template request_of(const op& o, const sequence& s, const hc::profile& profile) {
    hs::request_template r;
    if (o.kind == op_kind::refused && o.refused_for == refusal::not_found) {
        r.path["conversationUuid"] = std::string(unknown_conversation);
    } else if (o.conversation != 0) {
        r.path["conversationUuid"] = "${conversation_2}";
    }
    if (o.kind == op_kind::refused && o.refused_for == refusal::unauthenticated) {
        r.default_auth = false;
    } else if (o.caller != 0) {
        r.headers.emplace_back(profile.auth_header, "Bearer ${second_token}");
    }
    if (o.kind == op_kind::refused && o.refused_for == refusal::unsupported_media) {
        r.content_type = "text/plain";
    }
    if (o.kind == op_kind::refused && o.refused_for == refusal::payload_too_large) {
        // Grown by the runner past the limit, so a scenario file written from it stays small.
        r.json = boost::json::object{{"itemUuid", s.payloads[o.payload].item},
                                     {std::string(member_name(profile.idempotency.key_pointer)),
                                      o.key ? s.keys[*o.key] : std::string()}};
        r.pad_body_to = profile.max_body_bytes + 1;
        return r;
    }
    r.raw = body_text(o, s, profile);
    return r;
}

} // namespace

std::string body_text(const op& o, const sequence& s, const hc::profile& profile) {
    const payload& p = s.payloads[o.payload];
    const bool escaped = o.form == body_form::escaped;
    const bool nulls = o.form == body_form::explicit_null;
    const bool refused = o.kind == op_kind::refused;
    std::vector<std::pair<std::string, std::string>> members;
    std::optional<std::string> company = p.company;
    if (refused && o.refused_for == refusal::forbidden) {
        company = std::string(other_company);
    }
    if (!profile.company_pointer.empty() && (company || nulls)) {
        members.emplace_back(member_name(profile.company_pointer),
                             company ? json_string(*company, escaped) : "null");
    }
    members.emplace_back("itemUuid", refused && o.refused_for == refusal::validation
                                         ? std::string("7")
                                         : json_string(p.item, escaped));
    const std::optional<std::string>& text = p.text;
    if (text || nulls) {
        members.emplace_back("text", text ? json_string(*text, escaped) : "null");
    }
    if (o.kind == op_kind::burst_distinct) {
        members.emplace_back(member_name(profile.idempotency.key_pointer), "\"${uuid}\"");
    } else if (o.key) {
        members.emplace_back(member_name(profile.idempotency.key_pointer),
                             json_string(s.keys[*o.key], escaped));
    }
    if (o.form == body_form::unknown_field) {
        members.emplace_back("clientNote", "\"not part of the payload\"");
    }
    if (o.form == body_form::reordered) {
        std::reverse(members.begin(), members.end());
    }
    const bool spaced = o.form == body_form::spaced;
    std::string body = spaced ? "{\n  " : "{";
    for (std::size_t i = 0; i < members.size(); ++i) {
        body += (i == 0   ? ""
                 : spaced ? " ,\n  "
                          : ",") +
                json_string(members[i].first, false) + (spaced ? " : " : ":") + members[i].second;
    }
    return body + (spaced ? "\n}\n" : "}");
}

sequence_case make_sequence_case(const sequence& s, const hc::profile& profile, const std::string& name) {
    sequence_case out;
    out.scenario.name = name;
    profile_model model(profile);
    std::string description;
    for (std::size_t i = 0; i < s.ops.size(); ++i) {
        const op& o = s.ops[i];
        const prediction p = model.step(s, i);
        hs::step st;
        st.id = "s" + std::to_string(i + 1);
        st.request = request_of(o, s, profile);
        st.expect = expectation_of(p, o, profile);
        st.concurrent = o.kind == op_kind::burst || o.kind == op_kind::burst_distinct ? o.copies : 1;
        out.scenario.steps.push_back(std::move(st));
        out.transitions.push_back(p.transition);
        description += std::to_string(i + 1) + ". " + describe(o, s) + " → " + p.transition + "\n";
        if (o.caller != 0 && !std::count(out.scenario.requires_.begin(), out.scenario.requires_.end(),
                                         hs::requirement::second_token)) {
            out.scenario.requires_.push_back(hs::requirement::second_token);
        }
        if (o.conversation != 0 && !std::count(out.scenario.requires_.begin(), out.scenario.requires_.end(),
                                               hs::requirement::conversation_2)) {
            out.scenario.requires_.push_back(hs::requirement::conversation_2);
        }
    }
    out.scenario.description = description;
    return out;
}

} // namespace harness::explore
