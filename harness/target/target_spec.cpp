#include "target_spec.hpp"

#include "harness/json/document_error.hpp"
#include "harness/json/pointer.hpp"
#include "harness/json/source_document.hpp"

#include <cstdlib>
#include <stdexcept>

namespace harness::target {

namespace {

std::string from_env(const std::string& variable, const char* what, bool required) {
    if (variable.empty()) {
        if (required) {
            throw std::invalid_argument(
                std::string("no token for the target: give --token-env VAR, the name of an "
                            "environment variable holding ") +
                what);
        }
        return {};
    }
    const char* value = std::getenv(variable.c_str());
    if (value == nullptr || *value == '\0') {
        throw std::invalid_argument(std::string(what) + ": environment variable " + variable + " is not set");
    }
    return value;
}

} // namespace

target_description merge_target_file(const std::filesystem::path& path, target_description flags) {
    using harness::json::document_error;
    const auto doc = harness::json::source_document::read(path);
    if (!doc.root().is_object()) {
        throw document_error(doc.locate(""), "a target file is a mapping");
    }
    target_description merged = flags;
    auto text = [&](const boost::json::value& v, const std::string& pointer) {
        if (!v.is_string()) {
            throw document_error(doc.locate(pointer), "expected a string");
        }
        return std::string(v.as_string());
    };
    for (const auto& member : doc.root().as_object()) {
        const std::string key(member.key());
        const std::string pointer = harness::json::append_pointer("", key);
        const auto& v = member.value();
        auto set_if_empty = [&](std::string& field) {
            if (field.empty()) {
                field = text(v, pointer);
            }
        };
        if (key == "url") {
            set_if_empty(merged.url);
        } else if (key == "project") {
            set_if_empty(merged.project);
        } else if (key == "conversation") {
            set_if_empty(merged.conversation);
        } else if (key == "conversation_2") {
            set_if_empty(merged.conversation_2);
        } else if (key == "company") {
            set_if_empty(merged.company);
        } else if (key == "token_env") {
            set_if_empty(merged.token_env);
        } else if (key == "second_caller_token_env") {
            set_if_empty(merged.second_caller_token_env);
        } else if (key == "other_project_token_env") {
            set_if_empty(merged.other_project_token_env);
        } else if (key == "expired_token_env") {
            set_if_empty(merged.expired_token_env);
        } else if (key == "failing_conversation") {
            set_if_empty(merged.failing_conversation);
        } else if (key == "load_conversation") {
            set_if_empty(merged.load_conversation);
        } else if (key == "admin_url") {
            set_if_empty(merged.admin_url);
        } else if (key == "mix") {
            if (v.is_object()) {
                // A mapping of kind to weight, kept as the flag's text: the load plan checks names and
                // weights.
                std::string spec;
                for (const auto& [kind, weight] : v.as_object()) {
                    if (!weight.is_int64() || weight.as_int64() < 0) {
                        throw document_error(doc.locate(harness::json::append_pointer(pointer, kind)),
                                             "a weight is a whole number of 0 or more");
                    }
                    spec += (spec.empty() ? "" : ",") + std::string(kind) + "=" +
                            std::to_string(weight.as_int64());
                }
                if (merged.mix.empty()) {
                    merged.mix = spec;
                }
            } else {
                set_if_empty(merged.mix);
            }
        } else if (key == "under_load") {
            if (v.is_number() && merged.under_load.empty()) {
                merged.under_load = std::to_string(v.to_number<double>());
            } else {
                set_if_empty(merged.under_load);
            }
        } else if (key == "store_url") {
            set_if_empty(merged.store_url);
        } else if (key == "store_count_pointer") {
            set_if_empty(merged.store_count_pointer);
        } else if (key == "cacert") {
            set_if_empty(merged.ca_file);
        } else if (key == "client_cert") {
            set_if_empty(merged.client_cert_file);
        } else if (key == "client_key") {
            set_if_empty(merged.client_key_file);
        } else if (key == "insecure") {
            if (!v.is_bool()) {
                throw document_error(doc.locate(pointer), "expected true or false");
            }
            merged.insecure = merged.insecure || v.as_bool();
        } else if (key == "connect_timeout_ms" || key == "response_timeout_ms") {
            if (!v.is_int64() || v.as_int64() < 1) {
                throw document_error(doc.locate(pointer), "expected a positive whole number of milliseconds");
            }
            (key == "connect_timeout_ms" ? merged.connect_timeout_ms : merged.response_timeout_ms) =
                v.as_int64();
        } else if (key == "http") {
            if (!v.is_string() || !http::parse_http_version(std::string(v.as_string()))) {
                throw document_error(doc.locate(pointer), "expected auto, 1.1 or 2 (as a string: \"2\")");
            }
            if (merged.http == "auto") {
                merged.http = std::string(v.as_string());
            }
        } else if (key == "token" || key.ends_with("_token")) {
            throw document_error(doc.locate(pointer),
                                 "tokens are not written in target files: name an environment "
                                 "variable with " +
                                     key + "_env");
        } else {
            throw document_error(doc.locate(pointer), "unknown key '" + key + "'");
        }
    }
    return merged;
}

target_spec resolve_target(const target_description& d) {
    target_spec target;
    std::string error;
    auto url = http::parse_target_url(d.url, error);
    if (!url) {
        throw std::invalid_argument("--target: " + error);
    }
    target.url = *url;
    if (!d.fixed_paths && (d.project.empty() || d.conversation.empty())) {
        throw std::invalid_argument("a target needs --project and --conversation");
    }
    target.project = d.project;
    target.conversation = d.conversation;
    target.conversation_2 = d.conversation_2;
    target.company = d.company;
    target.token = from_env(d.token_env, "a valid token for the project", true);
    target.second_token = from_env(d.second_caller_token_env, "the second caller's token", false);
    target.other_project_token = from_env(d.other_project_token_env, "the other project's token", false);
    target.expired_token = from_env(d.expired_token_env, "the expired token", false);
    target.failing_conversation = d.failing_conversation;
    target.load_conversation = d.load_conversation;
    target.admin_url = d.admin_url;
    target.store_url = d.store_url;
    target.store_count_pointer = d.store_count_pointer;
    target.client = client_options_of(d);
    return target;
}

http::client_options client_options_of(const target_description& d) {
    http::client_options client;
    const std::optional<http::http_version> version = http::parse_http_version(d.http);
    if (!version) {
        throw std::invalid_argument("--http: '" + d.http + "' is not a protocol (auto, 1.1 or 2)");
    }
    client.http = *version;
    client.connect_timeout = std::chrono::milliseconds(d.connect_timeout_ms);
    client.response_timeout = std::chrono::milliseconds(d.response_timeout_ms);
    client.tls = {d.ca_file, d.insecure, d.client_cert_file, d.client_key_file};
    return client;
}

} // namespace harness::target
