#pragma once
// Proxy mode: when the mock is given a forwarder, every non-admin request goes to it instead of the mock's
// own handling (`harness mock --proxy URL --record-to DIR`). The mock library knows only this interface; the
// HTTP client that forwards and the recorder that keeps exchanges are wired in by the CLI.

#include "request_handler.hpp"

namespace harness::mock {

class request_forwarder {
public:
    virtual ~request_forwarder() = default;
    // Called from the server's I/O threads, possibly at once; must answer every request (a 502 envelope when
    // the upstream cannot be reached), never throw.
    virtual mock_response forward(const mock_request& request) = 0;
};

} // namespace harness::mock
