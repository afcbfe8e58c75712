// Any JSON value judged by the compiled schema and by valijson (its reference), against every payload schema
// of the bundled contract and every schema of tests/data/schemas/keywords.schema.json: the verdicts and the
// deepest failing places must be the same, or the target aborts.
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
    boost::system::error_code ec;
    const boost::json::value instance =
        boost::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec);
    if (ec) {
        return 0;
    }
    for (const schema_validator* validator : validators()) {
        const auto verdict = harness::contract::testing::compare(*validator, instance);
        if (!verdict.agree) {
            std::cerr << validator->schema_pointer() << ": " << verdict.explanation << "\n";
            std::abort();
        }
    }
    return 0;
}
