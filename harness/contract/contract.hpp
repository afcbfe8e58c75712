#pragma once
// A loaded contract: the OpenAPI document, its operations, and what the loader found. The entry point of
// harness/contract for every other module (the mock, scenarios, the load generator and repro).

#include "finding.hpp"
#include "harness/json/source_document.hpp"
#include "operation.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace harness::contract {

class contract {
public:
    // Loads a document, throwing json::document_error (file:line: pointer: message) for its first error.
    static contract load(const std::filesystem::path& path);
    static contract parse(std::string_view text, std::string name);
    // The contract bundled into the binary (contracts/operator-message.openapi.yaml).
    static contract builtin();

    const std::string& source_name() const noexcept { return document_->name(); }
    const std::string& openapi_version() const noexcept { return openapi_version_; }
    std::string title() const;
    std::string version() const; // info.version

    const std::vector<operation>& operations() const noexcept { return operations_; }
    // Warnings the loader found (keywords read but not enforced); a loaded contract has no errors.
    const findings& warnings() const noexcept { return warnings_; }

    // The operation whose method and path template match; `parameters` receives the path's values.
    // Sets `path_known` when some operation has the path but not the method (405 rather than 404).
    const operation* find(std::string_view method, std::string_view path,
                          std::vector<path_parameter_value>& parameters, bool* path_known = nullptr) const;

    const json::source_document& document() const noexcept { return *document_; }

    // The operation the harness drives: the first POST with a JSON request body (nullptr when there is none).
    const operation* served_operation() const noexcept;

private:
    friend struct contract_loader;
    contract() = default;

    std::shared_ptr<const json::source_document> document_;
    std::shared_ptr<const boost::json::value> translated_;
    std::string openapi_version_;
    std::vector<operation> operations_;
    findings warnings_;
};

// Loads a document and reports everything found, errors included, without throwing for them: the
// `contract check` view. `loaded` is set when there is no error.
struct contract_check_result {
    std::optional<contract> loaded;
    findings found;
};
contract_check_result check_contract(const json::source_document& document);

// The bundled documents' text and names, for tools that show or copy them.
std::string_view builtin_contract_text();
std::string_view builtin_profile_text();
inline constexpr const char* builtin_contract_name = "contracts/operator-message.openapi.yaml (built-in)";
inline constexpr const char* builtin_profile_name = "contracts/profile.yaml (built-in)";

} // namespace harness::contract
