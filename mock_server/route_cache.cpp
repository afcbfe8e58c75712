#include "route_cache.hpp"

#include <string>

namespace harness::mock {

namespace {

struct cached_route {
    std::uint64_t state_instance = 0; // 0: nothing cached (instances count from 1)
    std::string method;
    std::string path;
    route_match match;
    std::vector<harness::contract::path_parameter_value> parameters;
};

} // namespace

route_match match_route(const mock_state& state, std::string_view method, std::string_view path) {
    thread_local cached_route last;
    if (last.state_instance != state.instance() || last.method != method || last.path != path) {
        last.state_instance = 0; // stays invalid should find() throw
        last.parameters.clear();
        bool path_known = false;
        last.match.operation = state.contract().find(method, path, last.parameters, &path_known);
        last.match.path_known = path_known;
        last.method.assign(method);
        last.path.assign(path);
        last.state_instance = state.instance();
    }
    last.match.parameters = &last.parameters;
    return last.match;
}

} // namespace harness::mock
