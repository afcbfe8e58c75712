#include "request_template.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace harness::load {

namespace {

using harness::result::request_kind;

// Values that name nothing on any gateway: an unknown conversation, token and company.
constexpr std::string_view unknown_conversation = "0badc0de-0000-4000-8000-00000000dead";
constexpr std::string_view unknown_token = "harness-unknown-token-0000000000000000";
constexpr std::string_view other_company = "0badc0de-0000-4000-8000-00000000c0de";

std::string credential(request_kind kind, const harness::target::target_spec& target) {
    const auto needed = [](const std::string& token, const char* flag) {
        if (token.empty()) {
            throw std::invalid_argument(std::string("the request kind needs ") + flag);
        }
        return "Bearer " + token;
    };
    switch (kind) {
    case request_kind::no_auth:
        return "";
    case request_kind::wrong_scheme:
        return "Basic " + target.token;
    case request_kind::unknown_token:
        return "Bearer " + std::string(unknown_token);
    case request_kind::expired_token:
        return needed(target.expired_token, "--expired-token-env");
    case request_kind::other_project:
        return needed(target.other_project_token, "--other-project-token-env");
    default:
        return "Bearer " + target.token;
    }
}

// The body before and after the key slot; `with_key` false for kinds that send none.
struct body_parts {
    std::string before;
    std::string after;
    bool with_key = true;
};

// The valid send's text carries what storage layers mangle (several scripts, the astral plane, a trailing
// space), so a load run's echo check (data_checks, in the sampled validator) sees them changed.
body_parts body_of(request_kind kind, const contract::profile& profile) {
    const std::string item =
        kind == request_kind::invalid_field ? R"("itemUuid":7)" : R"("itemUuid":"load-item")";
    const std::string text = kind == request_kind::key_reuse
                                 ? R"("text":"harness load test, another payload")"
                                 : R"("text":"harness load test: Grüße, 你好, 👋 ")";
    std::string company;
    if (kind == request_kind::other_company) {
        if (profile.company_pointer.size() < 2) {
            throw std::invalid_argument(
                "the request kind other_company needs the profile's auth.company_pointer");
        }
        company = ",\"" + profile.company_pointer.substr(1) + "\":\"" + std::string(other_company) + "\"";
    }
    if (kind == request_kind::not_json) {
        return {R"({"itemUuid": )", "", false};
    }
    if (kind == request_kind::no_key) {
        return {"{" + item + "," + text + company + "}", "", false};
    }
    return {"{" + item + "," + text + company + R"(,"idempotencyKey":")", "\"}", true};
}

} // namespace

request_template::request_template(const harness::target::target_spec& target,
                                   const contract::operation& operation, const contract::profile& profile,
                                   request_kind kind) {
    const std::string conversation =
        kind == request_kind::unknown_conversation ? std::string(unknown_conversation) : target.conversation;
    const std::string path =
        target.url.base_path +
        operation.path.expand({{"projectUuid", target.project}, {"conversationUuid", conversation}});
    const body_parts parts = body_of(kind, profile);
    has_key_ = parts.with_key;
    const std::string body = parts.before + (has_key_ ? std::string(key_width, '0') : "") + parts.after;
    const std::string auth = credential(kind, target);
    bytes_ = operation.method + " " + path + " HTTP/1.1\r\nHost: " + target.url.authority() +
             "\r\nUser-Agent: harness/0.1\r\n" +
             (auth.empty() ? "" : profile.auth_header + ": " + auth + "\r\n") +
             "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    key_offset_ = bytes_.size() + parts.before.size();
    bytes_ += body;
}

void request_template::set_key(std::uint64_t high, std::uint64_t low) noexcept {
    if (!has_key_) {
        return;
    }
    static constexpr char hex[] = "0123456789abcdef";
    char* out = bytes_.data() + key_offset_;
    for (int i = 0; i < 16; ++i) {
        out[i] = hex[(high >> (60 - 4 * i)) & 0xF];
        out[16 + i] = hex[(low >> (60 - 4 * i)) & 0xF];
    }
}

void request_template::set_key(std::string_view key) noexcept {
    if (has_key_) {
        std::memcpy(bytes_.data() + key_offset_, key.data(), std::min(key.size(), key_width));
    }
}

} // namespace harness::load
