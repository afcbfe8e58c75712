#include "capture_source.hpp"

#include "curl_command.hpp"
#include "har_archive.hpp"
#include "harness/http/redact.hpp"
#include "harness/http/target_url.hpp"
#include "harness/json/text_file.hpp"
#include "harness/scenario/request_builder.hpp"
#include "harness/scenario/scenario_loader.hpp"

#include <filesystem>

#include <boost/algorithm/string/predicate.hpp>

namespace harness::repro {

namespace {

namespace hc = harness::contract;

std::string read_text_file(const std::string& path, const std::string& what) {
    try {
        return json::read_text_file(path);
    } catch (const json::document_error& e) {
        throw repro_input_error("cannot read " + what + " " + path + ": " + e.message());
    }
}

captured_request from_har(const capture_source& o, const hc::operation& operation) {
    const har_archive archive = har_archive::load(o.har_file);
    if (o.entry != 0) {
        return archive.request(o.entry);
    }
    std::vector<har_entry_summary> candidates;
    if (!o.match.empty()) {
        candidates = archive.matching(o.match);
    } else {
        for (const auto& e : archive.entries()) {
            const std::size_t path_start =
                e.url.find('/', e.url.find("://") == std::string::npos ? 0 : e.url.find("://") + 3);
            const std::string path = path_start == std::string::npos
                                         ? "/"
                                         : e.url.substr(path_start, e.url.find('?', path_start) - path_start);
            if (e.method == operation.method && operation.path.match(path)) {
                candidates.push_back(e);
            }
        }
    }
    if (candidates.size() == 1) {
        return archive.request(candidates.front().number);
    }
    std::string list;
    for (const auto& e : candidates.empty() ? archive.entries() : candidates) {
        // Redacted before it is cut, so that no part of a credential in the query is shown.
        list += "  " + std::to_string(e.number) + "  " + e.method + " " +
                http::redact_query(e.url).substr(0, 120) +
                (e.status ? "  -> " + std::to_string(e.status) : "") + "\n";
    }
    if (archive.entries().empty()) {
        throw repro_input_error(o.har_file + ": the archive has no entries");
    }
    throw ambiguous_entry(
        o.har_file + ": " +
        (candidates.empty()
             ? std::string(o.match.empty() ? "no entry is " + operation.method + " " + operation.path.text()
                                           : "no entry matches '" + o.match + "'")
             : std::to_string(candidates.size()) + " entries match") +
        "; choose one with --entry N:\n" + list);
}

// Whether a scenario step sends the target's token: by the default Authorization header, or by ${token}.
bool step_needs_token(const harness::scenario::request_template& request) {
    bool names_authorization = false;
    for (const auto& [name, value] : request.headers) {
        if (value.find("${token}") != std::string::npos) {
            return true;
        }
        names_authorization = names_authorization || boost::iequals(name, "Authorization");
    }
    return request.default_auth && !names_authorization;
}

captured_request from_scenario(const capture_source& o, const hc::operation& operation,
                               const hc::profile& profile, const std::string& token) {
    const harness::scenario::suite suite = harness::scenario::load_suite(o.scenario_file);
    const harness::scenario::scenario_case* chosen = nullptr;
    for (const auto& c : suite.cases) {
        if (o.case_name.empty() || c.name == o.case_name) {
            chosen = &c;
            break;
        }
    }
    if (chosen == nullptr) {
        throw repro_input_error(o.scenario_file + ": no case named '" + o.case_name + "'");
    }
    if (o.target.empty()) {
        throw repro_input_error("--scenario needs --target: a scenario names no host");
    }
    std::string url_error;
    const std::optional<http::target_url> url = http::parse_target_url(o.target, url_error);
    if (!url) {
        throw repro_input_error("--target " + o.target + ": " + url_error);
    }
    harness::target::target_spec target;
    target.project = o.project;
    target.conversation = o.conversation;
    target.token = token;
    harness::scenario::variables vars = harness::scenario::target_variables(target);
    const auto& step = chosen->steps.front();
    if (token.empty() && step_needs_token(step.request)) {
        // As verify says it: an empty "Bearer " would be another request than the case's.
        throw repro_input_error(o.scenario_file + ":" + std::to_string(step.line) +
                                ": the step sends the target's token: give --token-env VAR (the variable "
                                "holding it)");
    }
    const auto built = harness::scenario::build_request(step.request, vars, target, operation, profile);
    if (built.request.target.find("{") != std::string::npos) {
        throw repro_input_error(
            o.scenario_file + ":" + std::to_string(step.line) +
            ": the step leaves the path to the target; give --project and --conversation");
    }
    captured_request captured;
    captured.origin = o.scenario_file + " case '" + chosen->name + "'";
    captured.method = built.request.method;
    // The request as the target receives it, its base path included: it is sent to this URL as is.
    captured.url = url->to_string() + built.request.target;
    captured.headers = built.request.headers;
    captured.body = built.request.body;
    return captured;
}

} // namespace

void check_one_input(const capture_source& o) {
    const int inputs = (o.har_file.empty() ? 0 : 1) + (o.curl.empty() ? 0 : 1) +
                       (o.curl_file.empty() ? 0 : 1) + (o.scenario_file.empty() ? 0 : 1);
    if (inputs != 1) {
        throw repro_input_error(
            "give exactly one input: --har FILE, --curl 'curl …', --curl-file FILE or --scenario FILE");
    }
    if ((o.entry != 0 || !o.match.empty()) && o.har_file.empty()) {
        throw repro_input_error("--entry and --match choose a HAR entry; they need --har");
    }
}

captured_request read_capture(const capture_source& o, const hc::operation& operation,
                              const hc::profile& profile, const std::string& token) {
    if (!o.har_file.empty()) {
        return from_har(o, operation);
    }
    if (!o.curl.empty()) {
        return parse_curl_command(o.curl);
    }
    if (!o.curl_file.empty()) {
        const std::filesystem::path folder = std::filesystem::path(o.curl_file).parent_path();
        const std::string text = read_text_file(o.curl_file, "curl file");
        captured_request captured;
        try {
            captured = parse_curl_command(text, folder.empty() ? std::filesystem::path(".") : folder);
        } catch (const std::invalid_argument& e) {
            // The parser says where in the command; the reader also needs to know which file.
            throw std::invalid_argument(o.curl_file + ": " + e.what());
        }
        captured.origin = "curl command in " + o.curl_file;
        return captured;
    }
    return from_scenario(o, operation, profile, token);
}

} // namespace harness::repro
