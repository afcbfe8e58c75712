#pragma once
// The route a request names, from the contract, remembered per thread for the target it matched last.
// Clients of the mock send one route over and over; matching it against the contract's path templates splits
// the path, percent-decodes each parameter and returns them as strings (about 4 000 instructions and nine
// allocations a request). The contract of a mock_state never changes, so the same method and path match the
// same way again; the cache is keyed by the state's instance number, never by its address (a state made
// later at the same address is another one).

#include "mock_state.hpp"

#include <string_view>
#include <vector>

namespace harness::mock {

struct route_match {
    const harness::contract::operation* operation = nullptr; // nullptr: no route
    bool path_known = false; // no route, but some operation has this path (405 rather than 404)
    // The path's parameter values; valid until this thread's next call.
    const std::vector<harness::contract::path_parameter_value>* parameters = nullptr;
};

// The same answer as state.contract().find(method, path, …).
route_match match_route(const mock_state& state, std::string_view method, std::string_view path);

} // namespace harness::mock
