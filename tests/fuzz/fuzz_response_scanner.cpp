// Bytes from a server through the driver's response scanner, fed whole and then split at every position a
// byte of the input picks, as the network would deliver them.
#include "harness/http/response_scanner.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static std::array<char, 4096> body;
    static harness::http::header_list headers;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    for (std::size_t split : {input.size(), size > 0 ? static_cast<std::size_t>(data[0]) % (size + 1) : 0}) {
        harness::http::response_scanner scanner(body.data(), body.size());
        headers.clear();
        scanner.keep_headers(&headers);
        harness::http::response_scanner::state state = harness::http::response_scanner::state::incomplete;
        std::string_view rest = input;
        std::size_t chunk = split == 0 ? 1 : split;
        while (!rest.empty() && state == harness::http::response_scanner::state::incomplete) {
            const std::string_view piece = rest.substr(0, chunk);
            const std::size_t used = scanner.feed(piece, state);
            if (used > piece.size()) {
                __builtin_trap(); // the scanner claimed bytes it was not given
            }
            rest.remove_prefix(used == 0 && state == harness::http::response_scanner::state::incomplete
                                   ? piece.size()
                                   : used);
        }
        (void)scanner.body();
        (void)scanner.status();
    }
    return 0;
}
