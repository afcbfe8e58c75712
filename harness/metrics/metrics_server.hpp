#pragma once
// A minimal HTTP/1.1 server for Prometheus scrapes: GET /metrics answers the text its callback returns, any
// other request 404; one request per connection. It runs on a thread of its own until destroyed, so the
// callback runs on that thread and must only read what other threads write (relaxed atomics, say).

#include <functional>
#include <memory>
#include <string>

namespace harness::metrics {

class metrics_server {
public:
    // Listens on `address` (HOST:PORT, an IPv6 host in brackets; port 0 picks one). Throws std::system_error
    // when it cannot.
    metrics_server(const std::string& address, std::function<std::string()> text);
    ~metrics_server();
    metrics_server(const metrics_server&) = delete;
    metrics_server& operator=(const metrics_server&) = delete;

    // Where to scrape: http://HOST:PORT/metrics with the port actually bound.
    std::string url() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace harness::metrics
