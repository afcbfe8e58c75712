#pragma once
// A hash of a JSON value's content, independent of object member order: the mock's payload fingerprints and
// the load generator's replay checks compare values by it without serialising them.

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace harness::json {

std::uint64_t json_hash(const boost::json::value& value);

// A hash of the values at `pointers` in `root`, in that order, an absent one hashed as null: equal for two
// documents whose values there are equal, whatever else they hold (the profile's "same payload", rule 6).
// Allocates nothing unless a pointer has an escape (~0, ~1).
std::uint64_t json_hash_at(const boost::json::value& root, const std::vector<std::string>& pointers);

} // namespace harness::json
