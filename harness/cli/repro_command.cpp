#include "repro_command.hpp"

#include "exit_codes.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/http/redact.hpp"
#include "harness/http/target_url.hpp"
#include "harness/json/text_file.hpp"
#include "harness/repro/bundle_writer.hpp"
#include "harness/repro/capture_json.hpp"
#include "harness/repro/curl_command.hpp"
#include "harness/repro/har_archive.hpp"
#include "harness/repro/replay.hpp"
#include "harness/repro/replay_findings.hpp"
#include "harness/repro/scenario_emitter.hpp"
#include "harness/repro/secret_redactor.hpp"
#include "harness/scenario/request_builder.hpp"
#include "harness/scenario/scenario_loader.hpp"
#include "reports/html_writer.hpp"
#include "reports/repro_writer.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/algorithm/string/predicate.hpp>

namespace harness::cli {

namespace {

namespace hc = harness::contract;
namespace hr = harness::repro;

std::string read_text_file(const std::string& path, const std::string& what) {
    try {
        return harness::json::read_text_file(path);
    } catch (const harness::json::document_error& e) {
        throw hr::repro_input_error("cannot read " + what + " " + path + ": " + e.message());
    }
}

std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
    return text;
}

// Thrown when a HAR holds several candidate entries: the list is the message, the user picks one.
struct ambiguous_entry : std::runtime_error {
    using std::runtime_error::runtime_error;
};

hr::captured_request from_har(const repro_options& o, const hc::operation& operation) {
    const hr::har_archive archive = hr::har_archive::load(o.har_file);
    if (o.entry != 0) {
        return archive.request(o.entry);
    }
    std::vector<hr::har_entry_summary> candidates;
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
        throw hr::repro_input_error(o.har_file + ": the archive has no entries");
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

hr::captured_request from_scenario(const repro_options& o, const hc::operation& operation,
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
        throw hr::repro_input_error(o.scenario_file + ": no case named '" + o.case_name + "'");
    }
    if (o.target.empty()) {
        throw hr::repro_input_error("--scenario needs --target: a scenario names no host");
    }
    std::string url_error;
    const std::optional<http::target_url> url = http::parse_target_url(o.target, url_error);
    if (!url) {
        throw hr::repro_input_error("--target " + o.target + ": " + url_error);
    }
    harness::target::target_spec target;
    target.project = o.project;
    target.conversation = o.conversation;
    target.token = token;
    harness::scenario::variables vars = harness::scenario::target_variables(target);
    const auto& step = chosen->steps.front();
    if (token.empty() && step_needs_token(step.request)) {
        // As verify says it: an empty "Bearer " would be another request than the case's.
        throw hr::repro_input_error(o.scenario_file + ":" + std::to_string(step.line) +
                                    ": the step sends the target's token: give --token-env VAR (the variable "
                                    "holding it)");
    }
    const auto built = harness::scenario::build_request(step.request, vars, target, operation, profile);
    if (built.request.target.find("{") != std::string::npos) {
        throw hr::repro_input_error(
            o.scenario_file + ":" + std::to_string(step.line) +
            ": the step leaves the path to the target; give --project and --conversation");
    }
    hr::captured_request captured;
    captured.origin = o.scenario_file + " case '" + chosen->name + "'";
    captured.method = built.request.method;
    // The request as the target receives it, its base path included: it is sent to this URL as is.
    captured.url = url->to_string() + built.request.target;
    captured.headers = built.request.headers;
    captured.body = built.request.body;
    return captured;
}

hr::scenario_spec scenario_for(const hr::captured_request& captured, const hr::replay_findings& findings,
                               const http::http_request& sent, const repro_options& o,
                               const hc::profile& profile) {
    hr::scenario_spec spec;
    spec.case_name = "repro: " + captured.origin;
    spec.description = findings.expectation.summary;
    spec.request = sent;
    const auto& c = findings.run.cases.front();
    const int total = static_cast<int>(c.exchanges.size());
    spec.concurrent = std::max(1, std::min(o.concurrency, total));
    spec.repeat = (total + spec.concurrent - 1) / spec.concurrent;
    spec.same_data_across_copies = !findings.expectation.idempotency_key.empty() && total > 1;
    if (findings.expectation.failure) {
        spec.expect_failure = findings.expectation.failure;
    } else {
        // While the failure reproduces, expect what the good replies got (or success); otherwise keep what
        // was seen.
        for (std::size_t i = 0; i < c.exchanges.size(); ++i) {
            const bool good = findings.reply_verdicts[i].empty();
            const auto& e = c.exchanges[i];
            if (e.outcome == http::outcome_kind::ok && (good || !findings.reproduced()) &&
                std::find(spec.expect_status.begin(), spec.expect_status.end(), e.response.status) ==
                    spec.expect_status.end()) {
                spec.expect_status.push_back(e.response.status);
            }
        }
        if (spec.expect_status.empty()) {
            spec.expect_status.push_back(profile.success_status);
        }
    }
    spec.comments.push_back("Reproduces " + captured.origin + " (" + captured.method + " " + captured.url +
                            ")");
    spec.comments.push_back("Written by harness repro on " + today() + ". " + findings.expectation.summary +
                            ".");
    for (std::size_t i = 0; i < findings.reply_verdicts.size(); ++i) {
        if (!findings.reply_verdicts[i].empty()) {
            spec.comments.push_back("Seen in replay " + std::to_string(i + 1) + ": " +
                                    findings.reply_verdicts[i].front());
            break;
        }
    }
    for (const auto& d : findings.differences) {
        spec.comments.push_back("Across replays: " + d);
    }
    spec.comments.push_back(
        "Run: harness verify --suite none --scenario scenario.yaml --target URL --project P "
        "--conversation C --token-env VAR (exit 1 while it reproduces)");
    return spec;
}

} // namespace

namespace {

hr::captured_request read_capture(const repro_options& o, const hc::operation& operation,
                                  const hc::profile& profile, const std::optional<std::string>& token) {
    if (!o.har_file.empty()) {
        return from_har(o, operation);
    }
    if (!o.curl.empty()) {
        return hr::parse_curl_command(o.curl);
    }
    if (!o.curl_file.empty()) {
        const std::filesystem::path folder = std::filesystem::path(o.curl_file).parent_path();
        const std::string text = read_text_file(o.curl_file, "curl file");
        hr::captured_request captured;
        try {
            captured = hr::parse_curl_command(text, folder.empty() ? std::filesystem::path(".") : folder);
        } catch (const std::invalid_argument& e) {
            // The parser says where in the command; the reader also needs to know which file.
            throw std::invalid_argument(o.curl_file + ": " + e.what());
        }
        captured.origin = "curl command in " + o.curl_file;
        return captured;
    }
    return from_scenario(o, operation, profile, token.value_or(""));
}

http::client_options replay_client(const repro_options& o, hr::captured_request& captured) {
    http::client_options client;
    // The capture's HTTP unless --http says otherwise: a failure seen over HTTP/2 is replayed over HTTP/2.
    const std::string version = !o.http.empty()                  ? o.http
                                : !captured.http_version.empty() ? captured.http_version
                                                                 : "auto";
    client.http = http::parse_http_version(version).value_or(http::http_version::automatic);
    if (o.http.empty() && captured.http_version == "2") {
        captured.notes.push_back("replayed over HTTP/2 as captured (--http 1.1 or auto to change it)");
    }
    client.connect_timeout = std::chrono::milliseconds(o.connect_timeout_ms);
    client.response_timeout = std::chrono::milliseconds(o.response_timeout_ms);
    client.tls.ca_file = o.ca_file;
    client.tls.insecure = o.insecure || captured.insecure;
    if (captured.insecure && !o.insecure) {
        captured.notes.push_back("the capture used -k: the replay does not verify TLS either");
    }
    return client;
}

// The bundle a CI keeps: the request, the verdict in every format and a scenario that re-runs it; all
// redacted.
void write_repro_bundle(const repro_options& o, const hr::captured_request& captured,
                        const hr::captured_request& shown_captured, const hr::replay_request& sent,
                        const hr::replay_request& shown_sent, const hr::replay_findings& findings,
                        const std::string& explanation, const hc::operation& operation,
                        const hc::profile& profile, const hr::secret_redactor& redactor, std::ostream& out) {
    std::ostringstream markdown;
    reports::write_repro_markdown(shown_captured, shown_sent, findings, markdown);
    std::ostringstream html;
    reports::write_html({findings.run}, {}, html);
    const std::string scenario = hr::emit_scenario(
        scenario_for(shown_captured, findings, shown_sent.request, o, profile), operation, profile);
    hr::write_bundle(o.bundle_dir,
                     {{"request.json", redactor.text(hr::capture_to_json(captured, sent, redactor))},
                      {"result.json", redactor.text(result::to_json(findings.run))},
                      {"explain.txt", redactor.text(explanation)},
                      {"summary.md", redactor.text(markdown.str())},
                      {"summary.html", redactor.text(html.str())},
                      {"scenario.yaml", redactor.text(scenario)}});
    out << "bundle in " << o.bundle_dir
        << " (request.json, result.json, explain.txt, summary.md, summary.html, "
        << "scenario.yaml)\n";
}

} // namespace

int run_repro(const repro_options& o, std::ostream& out, std::ostream& err) {
    const int inputs = (o.har_file.empty() ? 0 : 1) + (o.curl.empty() ? 0 : 1) +
                       (o.curl_file.empty() ? 0 : 1) + (o.scenario_file.empty() ? 0 : 1);
    if (inputs != 1) {
        err << "error: give exactly one input: --har FILE, --curl 'curl …', --curl-file FILE or --scenario "
               "FILE\n";
        return exit_usage;
    }
    if ((o.entry != 0 || !o.match.empty()) && o.har_file.empty()) {
        err << "error: --entry and --match choose a HAR entry; they need --har\n";
        return exit_usage;
    }
    hr::secret_redactor redactor;
    try {
        const hc::contract contract =
            o.contract_path.empty() ? hc::contract::builtin() : hc::contract::load(o.contract_path);
        const hc::profile profile =
            o.profile_path.empty() ? hc::profile::builtin() : hc::profile::load(o.profile_path);
        const hc::operation* operation = contract.served_operation();
        if (operation == nullptr) {
            err << "error: " << contract.source_name() << " has no POST operation with a JSON body\n";
            return exit_usage;
        }
        for (const auto& field : o.redact_fields) {
            redactor.add_field(field);
        }
        std::optional<std::string> token;
        if (!o.token_env.empty()) {
            const char* value = std::getenv(o.token_env.c_str());
            if (value == nullptr || *value == '\0') {
                err << "error: --token-env " << o.token_env << " is not set\n";
                return exit_usage;
            }
            token = value;
            redactor.add_secret(*token);
        }
        if (!o.bundle_dir.empty()) {
            hr::check_bundle_folder(o.bundle_dir); // before any request: an unusable folder loses no replay
        }
        hr::captured_request captured = read_capture(o, *operation, profile, token);
        redactor.learn_from(captured);

        hr::replay_choices choices;
        // A scenario's request is built for the target already (with its base path); a capture is re-pointed.
        choices.target = o.scenario_file.empty() ? o.target : "";
        choices.token = token;
        choices.auth_header = profile.auth_header;
        const hr::replay_request sent = hr::prepare_replay(captured, choices);
        const http::client_options client = replay_client(o, captured);
        std::vector<http::exchange> exchanges = hr::replay(sent, client, {o.repeat, o.concurrency});
        for (auto& e : exchanges) {
            e = redactor.exchange(e);
        }
        // Refused or TLS-refused every time: a local setup problem, not the customer's failure reproduced.
        const bool unreachable = std::all_of(exchanges.begin(), exchanges.end(), [](const http::exchange& e) {
            return e.outcome == http::outcome_kind::connect || e.outcome == http::outcome_kind::tls;
        });
        if (!exchanges.empty() && unreachable) {
            err << "error: the target could not be reached, so nothing was replayed: "
                << redactor.text(exchanges.front().error) << "\n";
            return exit_usage;
        }
        // Asked for HTTP/2 and never spoken to in it: the replay could not happen as captured.
        const bool no_h2 = client.http == http::http_version::http2 &&
                           std::all_of(exchanges.begin(), exchanges.end(), [](const http::exchange& e) {
                               return e.outcome == http::outcome_kind::protocol;
                           });
        if (!exchanges.empty() && no_h2) {
            err << "error: the target does not speak HTTP/2, so nothing was replayed as captured: "
                << redactor.text(exchanges.front().error) << " (--http 1.1 replays it over HTTP/1.1)\n";
            return exit_usage;
        }
        hr::replay_request shown_sent = sent;
        shown_sent.request = redactor.request(sent.request);
        const hr::captured_request shown_captured = redactor.captured(captured);
        const hr::replay_findings findings =
            hr::judge_replays(shown_captured, shown_sent, exchanges,
                              {*operation, profile, sent.target.to_string(), contract.source_name()});

        std::ostringstream explanation;
        reports::write_repro_explanation(shown_captured, shown_sent, findings, o.concurrency, explanation);
        out << redactor.text(explanation.str());
        if (!o.bundle_dir.empty()) {
            write_repro_bundle(o, captured, shown_captured, sent, shown_sent, findings, explanation.str(),
                               *operation, profile, redactor, out);
        }
        if (!findings.expectation.is_operation) {
            // Not the contract's operation: nothing was judged against the contract, so this run cannot pass
            // or fail the target (the verdict line says why; choose the operation's entry).
            return exit_usage;
        }
        return findings.reproduced() ? exit_check_failed : exit_ok;
    } catch (const std::exception& e) {
        // Bad input (HAR with file:line and pointer, curl with line and column), bad flags and setup
        // failures.
        err << "error: " << redactor.text(e.what()) << "\n";
    }
    return exit_usage;
}

} // namespace harness::cli
