#include "repro_command.hpp"

#include "harness/contract/loaded_contract.hpp"
#include "harness/repro/bundle_writer.hpp"
#include "harness/repro/capture_json.hpp"
#include "harness/repro/repro_run.hpp"
#include "judged_run.hpp"
#include "number_checks.hpp"
#include "reports/html_writer.hpp"
#include "reports/repro_writer.hpp"
#include "target_flags.hpp"

#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>

namespace harness::cli {

namespace {

namespace hr = harness::repro;

struct repro_options {
    hr::capture_source source;
    harness::target::target_description connection; // --target, TLS, timeouts, --http
    bool http_given = false;
    std::string token_env;
    int repeat = 1;
    int concurrency = 1;
    std::string bundle_dir;
    std::vector<std::string> redact_fields;
    std::string contract_path;
    std::string profile_path;
};

// The token --token-env names, learnt by the redactor; nullopt without --token-env.
std::optional<std::string> token_of(const repro_options& o, hr::secret_redactor& redactor) {
    if (o.token_env.empty()) {
        return std::nullopt;
    }
    const char* value = std::getenv(o.token_env.c_str());
    if (value == nullptr || *value == '\0') {
        throw std::invalid_argument("--token-env " + o.token_env + " is not set");
    }
    redactor.add_secret(value);
    return std::string(value);
}

// The bundle a CI keeps: the request, the verdict in every format and a scenario that re-runs it; all
// redacted.
void write_repro_bundle(const repro_options& o, const hr::repro_outcome& outcome,
                        const std::string& explanation, const contract::loaded_contract& loaded,
                        const hr::secret_redactor& redactor, std::ostream& out) {
    std::ostringstream markdown;
    reports::write_repro_markdown(outcome.shown_captured, outcome.shown_sent, outcome.findings, markdown);
    std::ostringstream html;
    reports::write_html({outcome.findings.run}, {}, html);
    const std::string scenario = hr::emit_scenario(hr::scenario_of(outcome, o.concurrency, loaded.rules),
                                                   loaded.served(), loaded.rules);
    hr::write_bundle(
        o.bundle_dir,
        {{"request.json", redactor.text(hr::capture_to_json(outcome.captured, outcome.sent, redactor))},
         {"result.json", redactor.text(result::to_json(outcome.findings.run))},
         {"explain.txt", redactor.text(explanation)},
         {"summary.md", redactor.text(markdown.str())},
         {"summary.html", redactor.text(html.str())},
         {"scenario.yaml", redactor.text(scenario)}});
    out << "bundle in " << o.bundle_dir
        << " (request.json, result.json, explain.txt, summary.md, summary.html, scenario.yaml)\n";
}

result::run_verdict run_repro(const repro_options& o, hr::secret_redactor& redactor, std::ostream& out) {
    hr::check_one_input(o.source);
    const contract::loaded_contract loaded =
        contract::load_contract_and_profile(o.contract_path, o.profile_path);
    for (const auto& field : o.redact_fields) {
        redactor.add_field(field);
    }
    hr::repro_plan plan{.source = o.source,
                        .contract = &loaded.document,
                        .profile = &loaded.rules,
                        .token = token_of(o, redactor),
                        .client = harness::target::client_options_of(o.connection),
                        .http_forced = o.http_given,
                        .shape = {o.repeat, o.concurrency}};
    plan.source.target = o.connection.url;
    if (!o.bundle_dir.empty()) {
        hr::check_bundle_folder(o.bundle_dir); // before any request: an unusable folder loses no replay
    }
    const hr::repro_outcome outcome = hr::run_repro_plan(plan, redactor);
    if (!outcome.replayed) {
        return outcome.verdict;
    }
    std::ostringstream explanation;
    reports::write_repro_explanation(outcome.shown_captured, outcome.shown_sent, outcome.findings,
                                     o.concurrency, explanation);
    out << redactor.text(explanation.str());
    if (!o.bundle_dir.empty()) {
        write_repro_bundle(o, outcome, explanation.str(), loaded, redactor, out);
    }
    return outcome.verdict;
}

void add_input_flags(CLI::App* repro, repro_options& o) {
    repro->add_option("--har", o.source.har_file, "a HAR 1.2 file (browser dev tools' export)")
        ->check(CLI::ExistingFile);
    repro->add_option("--entry", o.source.entry, "which HAR entry, numbered from 1 as listed")
        ->check(above_zero());
    repro->add_option("--match", o.source.match, "the HAR entry whose method and URL contain this text");
    repro->add_option("--curl", o.source.curl, "a curl command line, e.g. from \"copy as cURL\"");
    repro->add_option("--curl-file", o.source.curl_file, "a file holding a curl command line")
        ->check(CLI::ExistingFile);
    repro->add_option("--scenario", o.source.scenario_file, "replay a scenario case's first step")
        ->check(CLI::ExistingFile);
    repro->add_option("--case", o.source.case_name, "with --scenario: the case's name (default: the first)");
    repro->add_option("--project", o.source.project,
                      "with --scenario: projectUuid for steps that leave it to the target");
    repro->add_option("--conversation", o.source.conversation, "with --scenario: conversationUuid likewise");
}

void add_flags(CLI::App* repro, repro_options& o) {
    add_input_flags(repro, o);
    add_connection_flags(
        repro, o.connection,
        "HTTP version of the replays: auto, 1.1 or 2 (default: as captured, e.g. a HAR entry's h2)",
        &o.http_given);
    repro->add_option("--token-env", o.token_env,
                      "environment variable whose token replaces the captured credential");
    repro->add_option("--repeat", o.repeat, "replays in all (intermittent failures)")
        ->check(whole_between(1, 100000))
        ->capture_default_str();
    repro
        ->add_option("--concurrency", o.concurrency,
                     "replays sent at once over their own connections (races)")
        ->check(whole_between(1, 1000))
        ->capture_default_str();
    repro->add_option("--bundle", o.bundle_dir,
                      "write the redacted evidence and a scenario into this new folder");
    repro->add_option("--redact-field", o.redact_fields,
                      "a JSON field whose values are redacted everywhere; repeatable");
    add_document_flags(repro, o.contract_path, o.profile_path);
}

} // namespace

void add_repro_command(CLI::App& app, result::run_verdict& verdict) {
    CLI::App* repro = app.add_subcommand(
        "repro",
        "Replay a captured request (HAR entry, curl command, scenario), explain in words which contract "
        "rule\n"
        "each reply breaks and how replies differ; --bundle writes a redacted folder with a scenario for "
        "CI.\n"
        "Exit 0 every reply keeps the contract, 1 the failure reproduced, 2 bad input or setup error.");
    auto options = std::make_shared<repro_options>();
    add_flags(repro, *options);
    repro->callback([options, &verdict] {
        hr::secret_redactor redactor;
        verdict = judged([&] { return run_repro(*options, redactor, std::cout); });
        // Bad input (HAR with file:line and pointer, curl with line and column) is redacted, as every word.
        verdict.reason = redactor.text(verdict.reason);
    });
}

} // namespace harness::cli
