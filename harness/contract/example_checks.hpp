#pragma once
// `contract check`'s example rule: every example (and every named example's value) under a media type of the
// operation's request body and responses must conform to that media type's schema, reported at its file:line.

#include "contract.hpp"
#include "finding.hpp"

namespace harness::contract {

void check_examples(const contract& c, findings& found);

} // namespace harness::contract
