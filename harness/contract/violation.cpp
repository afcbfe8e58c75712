#include "violation.hpp"

#include "json_pointer.hpp"

namespace harness::contract {

std::string violation::to_string() const {
    return display_pointer(pointer) + ": " + rule + " rule broken (expected " + expected + ", got " + actual + ")";
}

} // namespace harness::contract
