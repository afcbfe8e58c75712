#pragma once
// What the load generator's parts are built from in their tests: the built-in contract's operation and
// profile, and a target of the mock's built-in ids on a made-up loopback port (nothing connects to it).

#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/target/target_spec.hpp"
#include "tests/support/builtin_ids.hpp"

#include <string>

namespace harness::load::testing {

inline const contract::operation& builtin_operation() {
    static const contract::contract c = contract::contract::builtin();
    return *c.served_operation();
}

inline const contract::profile& builtin_profile() {
    static const contract::profile p = contract::profile::builtin();
    return p;
}

// Only the operator's token: the kinds that need more (expired, other project) cannot be sent.
inline target::target_spec builtin_target() {
    namespace ids = harness::testing::builtin_ids;
    target::target_spec t;
    t.url.host = "127.0.0.1";
    t.url.port = 8080;
    t.project = ids::project;
    t.conversation = ids::conversation;
    t.company = ids::company;
    t.token = ids::token;
    return t;
}

} // namespace harness::load::testing
