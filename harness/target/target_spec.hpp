#pragma once
// What verify knows about the target: where it is, which project and conversation to use, and the credentials
// for each auth case. Tokens come from environment variables (never from the command line or the target file,
// which may be committed); every one is redacted wherever it would be printed.

#include "harness/http/http_client.hpp"
#include "harness/http/target_url.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace harness::target {

struct target_spec {
    http::target_url url;
    std::string project;
    std::string conversation;
    std::string conversation_2;      // a second conversation of the project (key scoping per conversation)
    std::string company;             // the project's company, when known
    std::string token;               // valid for the project
    std::string second_token;        // another caller with the same access
    std::string other_project_token; // valid, but not for this project
    std::string expired_token;
    std::string failing_conversation; // a conversation the gateway fails on (a 500 to check the envelope of)
    std::string load_conversation; // where verify --under-load sends its background load ("" = conversation)
    std::string
        admin_url; // base URL of a harness mock's admin API ("" = the target cannot tell what it stored)
    // A URL answering how many messages a conversation holds ({conversation} in it), and where the count sits
    // in its JSON reply: the store oracle for gateways other than the mock
    // (harness/checks/http_store_oracle).
    std::string admin_token; // what a harness mock shared beyond loopback asks for on /__admin ("" = none)
    std::string store_url;
    std::string store_count_pointer;
    http::client_options client;
};

// The credentials a run sends besides the valid token (which every run sends: its preflight at least): only
// these are read from the environment, so a target file listing every variable serves a run whose suites or
// mix use fewer. One that is used and named by a variable that is not set is still an error naming its flag.
struct credential_use {
    bool second_token = true;
    bool other_project_token = true;
    bool expired_token = true;
};

// The names of environment variables and files a target description refers to, before they are read.
struct target_description {
    std::string url;
    bool url_given = false; // --target was given, even empty (an unset CI variable): never the built-in mock
    std::string project;
    std::string conversation;
    std::string conversation_2;
    std::string company;
    std::string token_env;
    std::string second_caller_token_env;
    std::string other_project_token_env;
    std::string expired_token_env;
    std::string failing_conversation;
    std::string load_conversation;
    std::string admin_url;
    std::string admin_token_env;
    std::string store_url;
    std::string store_count_pointer;
    // A load mix as `KIND=WEIGHT,…` (`mix:` in the file may be that text or a mapping of kind to weight).
    std::string mix;
    std::string under_load; // verify --under-load RATE[:DURATION]
    std::string ca_file;
    bool insecure = false;
    std::string client_cert_file;
    std::string client_key_file;
    // Every request names its own path (a repro bundle's scenario): no --project or --conversation is needed.
    bool fixed_paths = false;
    credential_use credentials; // by default every one named is read
    long connect_timeout_ms = 5000;
    long response_timeout_ms = 10000;
    std::string http = "auto"; // --http auto|1.1|2
};

// Reads a target file (YAML with the keys of target_description: url, project, conversation, conversation_2,
// company, token_env, second_caller_token_env, other_project_token_env, expired_token_env,
// failing_conversation, load_conversation, admin_url, store_url, store_count_pointer, mix, under_load,
// cacert, insecure, client_cert, client_key, connect_timeout_ms, response_timeout_ms, http), laying it under
// `flags` (flags win). Throws document_error with file:line for a bad file.
target_description merge_target_file(const std::filesystem::path& path, target_description flags);

// Resolves a description into a target: parses the URL, reads the token variables of the credentials the run
// uses (description.credentials; the others stay empty). Throws
// std::invalid_argument saying what is missing or wrong (exit 2 for the CLI).
target_spec resolve_target(const target_description& description);

// The connection settings of a description (HTTP version, timeouts, TLS): for the target it names, or for the
// built-in mock. Throws std::invalid_argument for an --http value that is not auto, 1.1 or 2.
http::client_options client_options_of(const target_description& description);

} // namespace harness::target
