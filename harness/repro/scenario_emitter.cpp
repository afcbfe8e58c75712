#include "scenario_emitter.hpp"

#include "harness/http/redact.hpp"

#include <algorithm>
#include <cctype>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace harness::repro {

namespace {

// Scenario strings expand ${...}; a literal "${" from a capture is written "$${".
std::string escape_variables(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
            out += "$$";
            continue;
        }
        out += text[i];
    }
    return out;
}

// A YAML double-quoted scalar: JSON's string syntax is a subset of it.
std::string yaml_quoted(std::string_view text) {
    return boost::json::serialize(boost::json::string(text));
}

std::string one_line(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\r', ' ');
    return text;
}

// The operation's path parameters when `target` is exactly the operation's path (no query, no prefix).
std::optional<std::vector<contract::path_parameter_value>>
operation_path(const contract::operation& operation, const std::string& target) {
    if (target.find('?') != std::string::npos) {
        return std::nullopt;
    }
    return operation.path.match(target);
}

// The request's path: the operation's path parameters when the target is exactly its path, else the raw path.
void emit_path(const scenario_spec& spec, const contract::operation& operation, std::string& out) {
    if (auto params = operation_path(operation, spec.request.target)) {
        out += "          # remove 'path' to send to the verify target's own project and conversation\n";
        out += "          path:\n";
        for (const auto& p : *params) {
            out += "            " + p.name + ": " + yaml_quoted(escape_variables(p.value)) + "\n";
        }
        return;
    }
    // A query credential was redacted: verify sends its own target's token there, not the literal marker.
    std::string path = escape_variables(spec.request.target);
    bool credential = false;
    for (auto at = path.find(http::redacted_marker); at != std::string::npos;
         at = path.find(http::redacted_marker, at)) {
        path.replace(at, http::redacted_marker.size(), "${token}");
        credential = true;
    }
    if (credential) {
        out += "          # the query's credential (redacted in the capture) is verify's own token\n";
    }
    out += "          raw_path: " + yaml_quoted(path) + "\n";
}

// The request's headers, but the credential (verify sends its own), the content type (a field of its own)
// and the headers that carried secrets; then the content type and the body.
void emit_headers_and_body(const scenario_spec& spec, const contract::profile& profile, std::string& out) {
    bool has_credential = false;
    std::string content_type;
    std::vector<std::string> left_out;
    std::string headers;
    for (const auto& [name, value] : spec.request.headers) {
        const std::string l = http::to_lower(name);
        if (l == http::to_lower(profile.auth_header)) {
            has_credential = true;
            continue;
        }
        if (l == "content-type") {
            content_type = value;
            continue;
        }
        if (http::is_secret_header(name) || value.find(http::redacted_marker) != std::string::npos) {
            left_out.push_back(name);
            continue;
        }
        headers += "            " + yaml_quoted(name) + ": " + yaml_quoted(escape_variables(value)) + "\n";
    }
    if (!has_credential) {
        out += "          auth: false # the captured request carried no " + profile.auth_header + "\n";
    } else {
        out += "          # " + profile.auth_header + ": " + profile.auth_scheme +
               " ${token} from verify's target\n";
    }
    if (!left_out.empty()) {
        std::string names;
        for (const auto& n : left_out) {
            names += (names.empty() ? "" : ", ") + n;
        }
        out += "          # left out, they carried secrets: " + names + "\n";
    }
    if (!headers.empty()) {
        out += "          headers:\n" + headers;
    }
    out += "          content_type: " + yaml_quoted(content_type) + "\n";
    if (!spec.request.body.empty()) {
        out += "          raw: " + yaml_quoted(escape_variables(spec.request.body)) + "\n";
    }
}

void emit_expect(const scenario_spec& spec, std::string& out) {
    out += "        expect:\n";
    if (spec.expect_failure) {
        out += "          failure: " + std::string(contract::to_string(*spec.expect_failure)) + "\n";
    } else if (!spec.expect_status.empty()) {
        out += "          status: [";
        for (std::size_t i = 0; i < spec.expect_status.size(); ++i) {
            out += (i ? ", " : "") + std::to_string(spec.expect_status[i]);
        }
        out += "]\n";
    }
    if (spec.same_data_across_copies) {
        out += "          same_data_across_copies: true\n";
    }
}

} // namespace

std::string emit_scenario(const scenario_spec& spec, const contract::operation& operation,
                          const contract::profile& profile) {
    std::string out;
    for (const auto& c : spec.comments) {
        out += "# " + one_line(c) + "\n";
    }
    out += "suite: " + yaml_quoted(spec.suite) + "\n";
    out += "description: " + yaml_quoted(one_line(spec.description)) + "\n";
    out += "cases:\n";
    out += "  - name: " + yaml_quoted(spec.case_name) + "\n";
    if (!spec.description.empty()) {
        out += "    description: " + yaml_quoted(one_line(spec.description)) + "\n";
    }
    out += "    steps:\n";
    out += "      - id: replay\n";
    if (spec.concurrent > 1) {
        out += "        concurrent: " + std::to_string(spec.concurrent) + "\n";
    }
    if (spec.repeat > 1) {
        out += "        repeat: " + std::to_string(spec.repeat) + "\n";
    }
    out += "        request:\n";
    out += "          method: " + spec.request.method + "\n";
    emit_path(spec, operation, out);
    emit_headers_and_body(spec, profile, out);
    emit_expect(spec, out);
    return out;
}

} // namespace harness::repro
