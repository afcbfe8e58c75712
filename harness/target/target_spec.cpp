#include "target_spec.hpp"

#include "harness/json/document_reader.hpp"
#include "harness/json/pointer.hpp"
#include "harness/json/source_document.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iterator>
#include <stdexcept>

namespace harness::target {

namespace {

// Whether `text` reads as an environment variable's name (letters, digits, _), so that an error may show it;
// a value given where a name was asked for (a token pasted after --token-env) is never echoed.
bool looks_like_variable_name(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isupper(c) || std::isdigit(c) || c == '_';
    });
}

std::string from_env(const std::string& variable, const char* flag, const char* what, bool required) {
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
        throw std::invalid_argument(
            std::string(what) + ": " + flag + " names an environment variable that is not set" +
            (looks_like_variable_name(variable) ? " (" + variable + ")"
                                                : " (its name is not shown: it does not read as a variable's "
                                                  "name; was a token given instead?)"));
    }
    return value;
}

// The keys whose value is one string, and the field each fills when no flag gave it.
struct string_key {
    std::string_view key;
    std::string target_description::*field;
};

constexpr string_key string_keys[] = {
    {"url", &target_description::url},
    {"project", &target_description::project},
    {"conversation", &target_description::conversation},
    {"conversation_2", &target_description::conversation_2},
    {"company", &target_description::company},
    {"token_env", &target_description::token_env},
    {"second_caller_token_env", &target_description::second_caller_token_env},
    {"other_project_token_env", &target_description::other_project_token_env},
    {"expired_token_env", &target_description::expired_token_env},
    {"failing_conversation", &target_description::failing_conversation},
    {"load_conversation", &target_description::load_conversation},
    {"admin_url", &target_description::admin_url},
    {"admin_token_env", &target_description::admin_token_env},
    {"store_url", &target_description::store_url},
    {"store_count_pointer", &target_description::store_count_pointer},
    {"cacert", &target_description::ca_file},
    {"client_cert", &target_description::client_cert_file},
    {"client_key", &target_description::client_key_file},
};

// Reads a target file's keys over the flags: a flag that was given wins, except the timeouts (their flags
// always have a value) and insecure (either one turns it on).
class target_file_reader : json::document_reader {
public:
    explicit target_file_reader(const json::source_document& doc) : document_reader(doc) {}

    target_description merge(target_description merged) const {
        if (!document().root().is_object()) {
            fail("", "a target file is a mapping");
        }
        for (const auto& member : document().root().as_object()) {
            const std::string key(member.key());
            const std::string pointer = json::append_pointer("", key);
            const auto string_field = std::find_if(std::begin(string_keys), std::end(string_keys),
                                                   [&](const string_key& k) { return k.key == key; });
            if (string_field != std::end(string_keys)) {
                set_if_empty(merged.*(string_field->field), string(member.value(), pointer, true));
            } else {
                read_setting(key, member.value(), pointer, merged);
            }
        }
        return merged;
    }

private:
    // The text is read (and checked) even when a flag overrides it: a wrong file is wrong either way.
    static void set_if_empty(std::string& field, std::string text) {
        if (field.empty()) {
            field = std::move(text);
        }
    }

    // The keys that are not one string.
    void read_setting(const std::string& key, const boost::json::value& v, const std::string& pointer,
                      target_description& merged) const {
        if (key == "mix") {
            set_if_empty(merged.mix, v.is_object() ? mix_text(v, pointer) : string(v, pointer, true));
        } else if (key == "under_load") {
            // A rate alone may be written as a number.
            set_if_empty(merged.under_load,
                         v.is_number() ? std::to_string(v.to_number<double>()) : string(v, pointer, true));
        } else if (key == "insecure") {
            merged.insecure = boolean(v, pointer) || merged.insecure;
        } else if (key == "connect_timeout_ms" || key == "response_timeout_ms") {
            if (!v.is_int64() || v.as_int64() < 1) {
                fail(pointer, "expected a positive whole number of milliseconds");
            }
            (key == "connect_timeout_ms" ? merged.connect_timeout_ms : merged.response_timeout_ms) =
                v.as_int64();
        } else if (key == "http") {
            if (!v.is_string() || !http::parse_http_version(std::string(v.as_string()))) {
                fail(pointer, "expected auto, 1.1 or 2 (as a string: \"2\")");
            }
            if (merged.http == "auto") {
                merged.http = std::string(v.as_string());
            }
        } else if (key == "token" || key.ends_with("_token")) {
            fail(pointer,
                 "tokens are not written in target files: name an environment variable with " + key + "_env");
        } else {
            std::string known;
            for (const string_key& k : string_keys) {
                known += std::string(k.key) + ", ";
            }
            fail(pointer, "unknown key '" + key + "' (expected one of: " + known +
                              "mix, under_load, insecure, connect_timeout_ms, response_timeout_ms, http)");
        }
    }

    // A mapping of kind to weight, kept as the flag's text (KIND=WEIGHT,…): the load plan checks names and
    // weights.
    std::string mix_text(const boost::json::value& v, const std::string& pointer) const {
        std::string spec;
        for (const auto& [kind, weight] : v.as_object()) {
            if (!weight.is_int64() || weight.as_int64() < 0) {
                fail(json::append_pointer(pointer, kind), "a weight is a whole number of 0 or more");
            }
            spec += (spec.empty() ? "" : ",") + std::string(kind) + "=" + std::to_string(weight.as_int64());
        }
        return spec;
    }
};

} // namespace

target_description merge_target_file(const std::filesystem::path& path, target_description flags) {
    const json::source_document doc = json::source_document::read(path);
    return target_file_reader(doc).merge(std::move(flags));
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
    target.token = from_env(d.token_env, "--token-env", "a valid token for the project", true);
    const auto optional_token = [](bool used, const std::string& variable, const char* flag,
                                   const char* what) {
        return used ? from_env(variable, flag, what, false) : std::string();
    };
    target.second_token = optional_token(d.credentials.second_token, d.second_caller_token_env,
                                         "--second-caller-token-env", "the second caller's token");
    target.other_project_token = optional_token(d.credentials.other_project_token, d.other_project_token_env,
                                                "--other-project-token-env", "the other project's token");
    target.expired_token = optional_token(d.credentials.expired_token, d.expired_token_env,
                                          "--expired-token-env", "the expired token");
    target.failing_conversation = d.failing_conversation;
    target.load_conversation = d.load_conversation;
    target.admin_url = d.admin_url;
    target.admin_token = d.admin_token_env.empty() ? std::string()
                                                   : from_env(d.admin_token_env, "--admin-token-env",
                                                              "the mock's admin token", false);
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
