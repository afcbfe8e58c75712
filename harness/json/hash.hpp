#pragma once
// A hash of a JSON value's content, independent of object member order: the mock's payload fingerprints and
// the load generator's replay checks compare values by it without serialising them.

#include <cstdint>

#include <boost/json/value.hpp>

namespace harness::json {

std::uint64_t json_hash(const boost::json::value& value);

} // namespace harness::json
