#pragma once
// What every connection of the mock's server shares: the state the handler answers from, the server's options
// and the count of open connections (for max_connections). Used by the HTTP/1.1 and HTTP/2 connections alike.

#include "mock_server.hpp"

#include <atomic>
#include <cstddef>

namespace harness::mock {

struct shared_context {
    mock_state& state;
    const server_options& options;
    std::atomic<std::size_t> connections{0};
};

} // namespace harness::mock
