#include "replay.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <latch>
#include <memory>
#include <thread>

namespace harness::repro {

namespace {

// Splits "scheme://authority/path?query" into the origin and the rest ("/" when there is no path).
std::pair<std::string, std::string> split_url(const std::string& url) {
    const std::size_t scheme_end = url.find("://");
    const std::size_t path_start =
        url.find_first_of("/?#", scheme_end == std::string::npos ? 0 : scheme_end + 3);
    if (path_start == std::string::npos) {
        return {url, "/"};
    }
    std::string rest = url.substr(path_start);
    if (const std::size_t hash = rest.find('#'); hash != std::string::npos) {
        rest.resize(hash); // fragments never reach the server
    }
    if (rest.empty() || rest.front() != '/') {
        rest = "/" + rest;
    }
    return {url.substr(0, path_start), rest};
}

} // namespace

replay_request prepare_replay(const captured_request& captured, const replay_choices& choices) {
    replay_request out;
    auto [origin, path] = split_url(captured.url);
    std::string error;
    const std::string base = choices.target.empty() ? origin : choices.target;
    auto url = http::parse_target_url(base, error);
    if (!url) {
        throw repro_input_error(
            (choices.target.empty() ? "the captured URL '" + origin + "'" : "--target '" + base + "'") +
            ": " + error);
    }
    out.target = *url;
    if (!choices.target.empty() && url->to_string() != origin) {
        out.notes.push_back("sent to " + url->to_string() + " instead of " + origin);
    }
    out.request.method = captured.method;
    out.request.target = path;
    out.request.body = captured.body;
    bool token_placed = false;
    for (const auto& [name, value] : captured.headers) {
        if (http::same_header_name(name, "Accept-Encoding")) {
            out.notes.push_back("Accept-Encoding dropped: the reply must arrive uncompressed to be checked");
            continue;
        }
        if (http::same_header_name(name, "Connection") || http::same_header_name(name, "Keep-Alive") ||
            http::same_header_name(name, "Transfer-Encoding") || http::same_header_name(name, "Expect")) {
            continue; // hop-by-hop: the replay's own connection decides them
        }
        if (choices.token && http::same_header_name(name, choices.auth_header)) {
            if (!token_placed) {
                out.request.headers.emplace_back(name, choices.auth_scheme + " " + *choices.token);
                out.notes.push_back("the captured credential was replaced by --token-env's");
                token_placed = true;
            }
            continue;
        }
        out.request.headers.emplace_back(name, value);
    }
    if (choices.token && !token_placed) {
        out.request.headers.emplace_back(choices.auth_header, choices.auth_scheme + " " + *choices.token);
        out.notes.push_back("the capture had no credential; --token-env's was added");
    }
    return out;
}

std::vector<http::exchange> replay(const replay_request& request, const http::client_options& client,
                                   replay_shape shape) {
    const int total = std::max(1, shape.repeat);
    const int workers = std::clamp(shape.concurrency, 1, total);
    std::vector<http::exchange> results(static_cast<std::size_t>(total));
    if (workers == 1) {
        http::http_client connection(request.target, client);
        for (auto& result : results) {
            result = connection.send(request.request);
        }
        return results;
    }
    // Each worker owns a connection, opened before any sends, then all start together: concurrent copies are
    // what bring out races (two replies for one idempotency key, a lost lock).
    std::vector<std::unique_ptr<http::http_client>> connections;
    for (int i = 0; i < workers; ++i) {
        connections.push_back(std::make_unique<http::http_client>(request.target, client));
    }
    std::atomic<int> next{0};
    std::latch start(workers);
    std::vector<std::thread> threads;
    for (int i = 0; i < workers; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            for (int n = next.fetch_add(1); n < total; n = next.fetch_add(1)) {
                results[static_cast<std::size_t>(n)] =
                    connections[static_cast<std::size_t>(i)]->send(request.request);
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    return results;
}

} // namespace harness::repro
