#include "request_builder.hpp"

#include <algorithm>
#include <cctype>

#include <boost/json/serialize.hpp>

namespace harness::scenario {

variables target_variables(const harness::target::target_spec& t) {
    variables vars;
    vars.set("project", t.project);
    vars.set("conversation", t.conversation);
    vars.set("conversation_2", t.conversation_2);
    vars.set("company", t.company);
    vars.set("token", t.token);
    vars.set("second_token", t.second_token);
    vars.set("other_project_token", t.other_project_token);
    vars.set("expired_token", t.expired_token);
    vars.set("failing_conversation", t.failing_conversation);
    return vars;
}

namespace {

// Whether a request of the case names ${variable}: in its path, headers or body.
bool names_variable(const scenario_case& c, const std::string& variable) {
    const std::string text = "${" + variable + "}";
    const auto has = [&text](const std::string& s) {
        return s.find(text) != std::string::npos;
    };
    return std::any_of(c.steps.begin(), c.steps.end(), [&](const step& st) {
        const request_template& r = st.request;
        return has(r.raw_path) || (r.raw && has(*r.raw)) ||
               (r.json && has(boost::json::serialize(*r.json))) ||
               std::any_of(r.path.begin(), r.path.end(), [&](const auto& p) { return has(p.second); }) ||
               std::any_of(r.headers.begin(), r.headers.end(), [&](const auto& h) { return has(h.second); });
    });
}

// `bytes` bytes of whole `unit`s, then "x": neither needs escaping in JSON when `unit` is printable UTF-8.
std::string padding(std::size_t bytes, const std::string& unit) {
    std::string text;
    text.reserve(bytes);
    while (!unit.empty() && text.size() + unit.size() <= bytes) {
        text += unit;
    }
    text.append(bytes - text.size(), 'x');
    return text;
}

} // namespace

harness::target::credential_use credentials_used(const std::vector<suite>& suites) {
    harness::target::credential_use used{false, false, false};
    const auto uses = [&suites](requirement r, const std::string& variable) {
        return std::any_of(suites.begin(), suites.end(), [&](const suite& s) {
            return std::any_of(s.cases.begin(), s.cases.end(), [&](const scenario_case& c) {
                return std::find(c.requires_.begin(), c.requires_.end(), r) != c.requires_.end() ||
                       names_variable(c, variable);
            });
        });
    };
    used.second_token = uses(requirement::second_token, "second_token");
    used.other_project_token = uses(requirement::other_project_token, "other_project_token");
    used.expired_token = uses(requirement::expired_token, "expired_token");
    return used;
}

built_request build_request(const request_template& t, variables& vars,
                            const harness::target::target_spec& target, const contract::operation& operation,
                            const contract::profile& profile) {
    built_request built;
    built.request.method = t.method;
    if (!t.raw_path.empty()) {
        built.request.target = vars.expand(t.raw_path);
        built.conversation = target.conversation;
    } else {
        std::vector<contract::path_parameter_value> values;
        for (const std::string& name : operation.path.parameter_names()) {
            auto it = t.path.find(name);
            std::string value = it != t.path.end()           ? vars.expand(it->second)
                                : name == "projectUuid"      ? target.project
                                : name == "conversationUuid" ? target.conversation
                                                             : std::string();
            if (name == "conversationUuid") {
                built.conversation = value;
            }
            if (name == t.upper_case_parameter) {
                std::transform(value.begin(), value.end(), value.begin(),
                               [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            }
            values.push_back({name, value});
        }
        built.request.target = operation.path.expand(values);
    }
    if (t.trailing_slash) {
        built.request.target += '/';
    }
    bool has_auth = false;
    for (const auto& [name, value] : t.headers) {
        has_auth = has_auth || http::same_header_name(name, profile.auth_header);
        built.request.headers.emplace_back(name, vars.expand(value));
    }
    if (t.default_auth && !has_auth) {
        built.request.headers.emplace_back(profile.auth_header, "Bearer " + target.token);
    }
    if (!t.content_type.empty()) {
        built.request.headers.emplace_back("Content-Type", t.content_type);
    }
    if (t.json) {
        boost::json::value body = vars.expand(*t.json);
        if (t.pad_body_to > 0 && body.is_object()) {
            // The text field holds the padding: the serialised body is then exactly the size asked for (the
            // size limit and one byte either side), as long as the rest of the body is smaller.
            body.as_object()["text"] = "";
            const std::size_t now = boost::json::serialize(body).size();
            if (now < t.pad_body_to) {
                body.as_object()["text"] = padding(t.pad_body_to - now, t.pad_unit);
            }
        }
        built.request.body = boost::json::serialize(body);
    } else if (t.raw) {
        built.request.body = vars.expand(*t.raw);
    }
    return built;
}

} // namespace harness::scenario
