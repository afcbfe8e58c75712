#include "request_template.hpp"

#include <algorithm>
#include <cstring>

namespace harness::load {

request_template::request_template(const harness::target::target_spec& target,
                                   const contract::operation& operation, const contract::profile& profile) {
    const std::string path =
        target.url.base_path +
        operation.path.expand({{"projectUuid", target.project}, {"conversationUuid", target.conversation}});
    const std::string key_placeholder(key_width, '0');
    const std::string body =
        R"({"itemUuid":"load-item","text":"harness load test","idempotencyKey":")" + key_placeholder + "\"}";
    bytes_ = operation.method + " " + path + " HTTP/1.1\r\nHost: " + target.url.authority() +
             "\r\nUser-Agent: harness/0.1\r\n" + profile.auth_header + ": Bearer " + target.token +
             "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\n\r\n";
    key_offset_ = bytes_.size() + body.size() - 2 - key_width;
    bytes_ += body;
}

void request_template::set_key(std::uint64_t high, std::uint64_t low) noexcept {
    static constexpr char hex[] = "0123456789abcdef";
    char* out = bytes_.data() + key_offset_;
    for (int i = 0; i < 16; ++i) {
        out[i] = hex[(high >> (60 - 4 * i)) & 0xF];
        out[16 + i] = hex[(low >> (60 - 4 * i)) & 0xF];
    }
}

void request_template::set_key(std::string_view key) noexcept {
    std::memcpy(bytes_.data() + key_offset_, key.data(), std::min(key.size(), key_width));
}

} // namespace harness::load
