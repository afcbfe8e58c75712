#include "contract.hpp"

#include "harness/json/pointer.hpp"

namespace harness::contract {

namespace embedded {
extern const std::string_view operator_message_openapi;
extern const std::string_view default_profile;
} // namespace embedded

std::string_view builtin_contract_text() {
    return embedded::operator_message_openapi;
}

std::string_view builtin_profile_text() {
    return embedded::default_profile;
}

namespace {

contract load_or_throw(const json::source_document& document) {
    contract_check_result outcome = check_contract(document);
    if (!outcome.loaded) {
        for (const finding& f : outcome.found) {
            if (f.severity == finding_severity::error) {
                throw json::document_error(f.where, f.message);
            }
        }
        throw json::document_error({document.name(), 0, 0, ""}, "the contract could not be loaded");
    }
    return std::move(*outcome.loaded);
}

std::string info_member(const json::source_document& document, std::string_view key) {
    const auto* v = json::find_pointer(document.root(), json::append_pointer("/info", key));
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

} // namespace

contract contract::load(const std::filesystem::path& path) {
    return load_or_throw(json::source_document::read(path));
}

contract contract::parse(std::string_view text, std::string name) {
    return load_or_throw(json::source_document::parse(text, std::move(name)));
}

contract contract::builtin() {
    return parse(builtin_contract_text(), builtin_contract_name);
}

std::string contract::title() const {
    return info_member(*document_, "title");
}

std::string contract::version() const {
    return info_member(*document_, "version");
}

const operation* contract::find(std::string_view method, std::string_view path,
                                std::vector<path_parameter_value>& parameters, bool* path_known) const {
    if (path_known != nullptr) {
        *path_known = false;
    }
    for (const operation& op : operations_) {
        auto values = op.path.match(path);
        if (!values) {
            continue;
        }
        if (path_known != nullptr) {
            *path_known = true;
        }
        if (op.method == method) {
            parameters = std::move(*values);
            return &op;
        }
    }
    return nullptr;
}

const operation* contract::served_operation() const noexcept {
    for (const operation& op : operations_) {
        if (op.method == "POST" && op.request_body && op.request_body->json &&
            op.request_body->json->validator) {
            return &op;
        }
    }
    return nullptr;
}

const response_spec* operation::response_for(int status) const {
    const std::string exact = std::to_string(status);
    const std::string range = exact.substr(0, 1) + "XX";
    const response_spec* fallback = nullptr;
    const response_spec* ranged = nullptr;
    for (const response_spec& r : responses) {
        if (r.status == exact) {
            return &r;
        }
        if (r.status == range) {
            ranged = &r;
        } else if (r.status == "default") {
            fallback = &r;
        }
    }
    return ranged != nullptr ? ranged : fallback;
}

} // namespace harness::contract
