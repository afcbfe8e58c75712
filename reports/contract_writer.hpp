#pragma once
// `contract show`: an operation of the contract as tables — method, path, operationId, security, parameters,
// the responses per status, and each schema's fields with type / required / nullable, row for row as the
// manifest's tables give them.

#include "harness/contract/contract.hpp"

#include <iosfwd>

namespace harness::reports {

void write_contract_operation(const contract::contract& c, const contract::operation& op, std::ostream& out);

} // namespace harness::reports
