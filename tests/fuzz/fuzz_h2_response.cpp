// Bytes from an HTTP/2 server through the client's session (nghttp2's framing and the harness's glue) into
// the response scanner, as the load generator and verify read them: after the server's SETTINGS, any frames,
// fed whole and then split where a byte of the input says. Whatever arrives, every stream ends once at most,
// the body never exceeds its buffer, and a broken connection fails its stream instead of leaving it waiting.
#include "harness/http/h2_client_session.hpp"
#include "harness/http/response_scanner.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

struct scanner_sink final : harness::http::h2_stream_sink {
    std::array<char, 4096> body{};
    harness::http::response_scanner scanner{body.data(), body.size()};
    int ends = 0;

    void on_h2_header(std::string_view name, std::string_view value) override {
        scanner.h2_header(name, value);
    }
    bool on_h2_data(std::string_view data) override { return scanner.h2_data(data); }
    void on_h2_end(harness::http::outcome_kind, std::string_view) override { ++ends; }
};

// The server's empty SETTINGS frame: what a conforming server sends first.
constexpr std::string_view server_settings("\0\0\0\x04\0\0\0\0\0", 9);
constexpr std::string_view request =
    "POST /v1/x HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    for (std::size_t split : {input.size(), size > 0 ? static_cast<std::size_t>(data[0]) % (size + 1) : 0}) {
        harness::http::h2_client_session session("http", "127.0.0.1");
        harness::http::request_view view;
        view.parse(request);
        scanner_sink first, second;
        session.submit(view, first);
        session.submit(view, second);
        std::string out;
        session.produce(out);
        bool alive = session.consume(server_settings);
        std::string_view rest = input;
        const std::size_t chunk = split == 0 ? 1 : split;
        while (alive && !rest.empty()) {
            alive = session.consume(rest.substr(0, chunk));
            rest.remove_prefix(std::min(chunk, rest.size()));
            out.clear();
            alive = session.produce(out) && alive;
        }
        if (!alive) {
            session.fail_all(harness::http::outcome_kind::protocol, "broken");
        }
        if (first.ends > 1 || second.ends > 1 || first.scanner.body().size() > first.body.size()) {
            __builtin_trap(); // a stream ended twice, or a body overran its buffer
        }
    }
    return 0;
}
