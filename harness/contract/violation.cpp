#include "violation.hpp"

#include "harness/json/pointer.hpp"

namespace harness::contract {

std::string violation::to_string() const {
    return json::display_pointer(pointer) + ": " + rule + " rule broken (expected " + expected + ", got " +
           actual + ")";
}

} // namespace harness::contract
