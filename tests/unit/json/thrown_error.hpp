#pragma once
// What a document_error says: where it points and its text, taken from the error a callable throws (a test
// failure when it throws none). Tests compare these, so they keep to behaviour: the file, the line, the
// pointer.

#include "harness/json/document_error.hpp"

#include <string>

#include <gtest/gtest.h>

namespace harness::json::testing {

struct thrown {
    source_location where;
    std::string what;
};

template <typename F>
thrown error_of(F&& f) {
    try {
        f();
    } catch (const document_error& e) {
        return {e.where(), e.what()};
    }
    ADD_FAILURE() << "no document_error";
    return {};
}

} // namespace harness::json::testing
