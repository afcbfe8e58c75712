// Raw bytes through the mock's request path: Beast's parser with the server's limits, then the router,
// authentication, the contract validator and the idempotency store (handle()).
#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "mock_server/fixtures.hpp"
#include "mock_server/request_handler.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>

namespace {

harness::mock::mock_state& state() {
    static auto s = std::make_unique<harness::mock::mock_state>(
        harness::contract::contract::builtin(), harness::contract::profile::builtin(),
        harness::mock::fixtures::builtin(),
        harness::mock::state_limits{1000, std::chrono::seconds(60), 1000, 16});
    return *s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace http = boost::beast::http;
    http::request_parser<http::string_body, harness::mock::field_allocator<char>> parser;
    parser.header_limit(8192);
    parser.body_limit(state().profile().max_body_bytes);
    parser.eager(true);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data, size), ec);
    if (!ec && !parser.is_done()) {
        parser.put_eof(ec);
    }
    if (ec || !parser.is_done()) {
        return 0;
    }
    const harness::mock::mock_request request = parser.release();
    (void)harness::mock::handle(request, state());
    return 0;
}
