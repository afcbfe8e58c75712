#pragma once
// The contract and profile a subcommand works with, each from its file or built in, and the operation the
// harness drives: loaded the same way by verify, load, repro and the mock.

#include "contract.hpp"
#include "profile.hpp"

#include <string>

namespace harness::contract {

struct loaded_contract {
    contract document;
    profile rules;
    // The first POST with a JSON body; never null in a value returned by load_contract_and_profile.
    const operation& served() const { return *document.served_operation(); }
};

// "" for a path means the built-in document. Throws json::document_error (file:line) for a bad document, and
// std::invalid_argument when the contract has no POST operation with a JSON body.
loaded_contract load_contract_and_profile(const std::string& contract_path, const std::string& profile_path);

} // namespace harness::contract
