#include "loaded_contract.hpp"

#include <stdexcept>

namespace harness::contract {

loaded_contract load_contract_and_profile(const std::string& contract_path, const std::string& profile_path) {
    loaded_contract loaded{contract_path.empty() ? contract::builtin() : contract::load(contract_path),
                           profile_path.empty() ? profile::builtin() : profile::load(profile_path)};
    if (loaded.document.served_operation() == nullptr) {
        throw std::invalid_argument(loaded.document.source_name() +
                                    " has no POST operation with a JSON body to drive");
    }
    return loaded;
}

} // namespace harness::contract
