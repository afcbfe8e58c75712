#pragma once
// The built-in mock started in this process on a free loopback port, and the target description of its
// fixtures: what verify and load use when no --target is given.

#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/target/target_spec.hpp"

#include <memory>
#include <string>
#include <vector>

namespace harness::mock {
class mock_state;
class mock_server;
} // namespace harness::mock

namespace harness::cli {

class builtin_mock_target {
public:
    // Throws std::invalid_argument for a bad fault spec, std::system_error when it cannot listen.
    builtin_mock_target(const contract::contract& contract, const contract::profile& profile,
                        const std::vector<std::string>& faults, int threads);
    ~builtin_mock_target();

    harness::target::target_spec target() const;
    std::string url() const;

private:
    std::unique_ptr<mock::mock_state> state_;
    std::unique_ptr<mock::mock_server> server_;
};

// The target a subcommand drives: without a URL in `description`, the built-in mock (started here and kept
// alive by `mock`), unless something names a gateway (an empty --target, an identity flag, `target_file`
// without a url: std::invalid_argument naming it); else the described gateway. `name` says which. Throws
// std::invalid_argument for
// --mock-fault with a real target, and what resolve_target throws.
harness::target::target_spec choose_target(const harness::target::target_description& description,
                                           const std::string& target_file, const contract::contract& contract,
                                           const contract::profile& profile,
                                           const std::vector<std::string>& mock_faults, int mock_threads,
                                           std::unique_ptr<builtin_mock_target>& mock, std::string& name);

} // namespace harness::cli
