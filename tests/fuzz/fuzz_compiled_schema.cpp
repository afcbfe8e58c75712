// Any JSON value judged by the compiled schema and by valijson (its reference), against every payload schema
// of the bundled contract and every schema of tests/data/schemas/keywords.schema.json: the verdicts and the
// deepest failing places must be the same, or the target aborts. So must the program's verdict over
// simdjson's parse of the same bytes (json::dom_view), and simdjson must not accept what Boost.JSON refuses.
#include "harness/contract/contract.hpp"
#include "tests/support/schema_differential.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace {

using harness::contract::schema_validator;

std::vector<std::unique_ptr<schema_validator>> own_validators() {
    std::ifstream in(std::string(HARNESS_TEST_DATA_DIR) + "/schemas/keywords.schema.json");
    std::stringstream text;
    text << in.rdbuf();
    const auto document = std::make_shared<const boost::json::value>(boost::json::parse(text.str()));
    std::vector<std::unique_ptr<schema_validator>> out;
    for (const auto& definition : document->at("definitions").as_object()) {
        out.push_back(
            std::make_unique<schema_validator>(document, "/definitions/" + std::string(definition.key())));
    }
    return out;
}

const std::vector<const schema_validator*>& validators() {
    static const harness::contract::contract bundled = harness::contract::contract::builtin();
    static const auto own = own_validators();
    static const std::vector<const schema_validator*> all = [] {
        std::vector<const schema_validator*> list = harness::contract::testing::validators_of(bundled);
        for (const auto& v : own) {
            list.push_back(v.get());
        }
        return list;
    }();
    return all;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    boost::system::error_code ec;
    const boost::json::value instance = boost::json::parse(text, ec);
    if (ec) {
        if (!validators().empty() &&
            harness::contract::testing::conforms_over_simdjson(*validators()[0], text)) {
            std::cerr << "simdjson parsed as Boost.JSON reads it what Boost.JSON refuses: " << ec.message()
                      << "\n";
            std::abort();
        }
        return 0;
    }
    for (const schema_validator* validator : validators()) {
        const auto verdict = harness::contract::testing::compare(*validator, instance, text);
        if (!verdict.agree) {
            std::cerr << validator->schema_pointer() << ": " << verdict.explanation << "\n";
            std::abort();
        }
    }
    return 0;
}
