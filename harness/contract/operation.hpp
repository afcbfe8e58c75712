#pragma once
// The model of one HTTP operation of a contract, as every other module reads it: method, path, parameters,
// request body and responses, each schema with a validator ready to use.

#include "path_template.hpp"
#include "schema_validator.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace harness::contract {

struct parameter_spec {
    std::string name;
    std::string location; // "path", "query", "header" or "cookie"
    bool required = false;
    std::string schema_pointer; // where its schema sits in the document ("" when it has none)
};

// One JSON media type's schema, with its validator.
struct payload_spec {
    std::string media_type;     // e.g. "application/json"
    std::string schema_pointer; // after following $refs to the schema object
    std::string schema_name;    // the component's name when the schema is a named component, else ""
    std::shared_ptr<const schema_validator> validator;
};

struct request_body_spec {
    bool required = false;
    std::vector<std::string> media_types; // every media type the contract lists
    std::optional<payload_spec> json;     // the JSON one, when there is one
};

struct response_spec {
    std::string status; // "200", "4XX" or "default"
    std::string description;
    bool assumed = false; // marked x-assumed: the project's assumption, not the manifest's
    std::optional<payload_spec> json;
};

struct security_scheme_spec {
    std::string name;   // the key under components/securitySchemes
    std::string type;   // "http", "apiKey", …
    std::string scheme; // for http: "bearer", "basic"
};

struct operation {
    std::string method; // upper case, e.g. "POST"
    path_template path;
    std::string operation_id;
    std::string summary;
    std::string pointer; // where the operation object sits in the document
    std::vector<parameter_spec> parameters;
    std::optional<request_body_spec> request_body;
    std::vector<response_spec> responses;
    std::vector<security_scheme_spec> security; // any one of them is enough; empty = no authentication

    // The response the contract gives for `status`: the exact code, else "4XX"-style ranges, else "default";
    // nullptr when the contract has none of them.
    const response_spec* response_for(int status) const;
};

} // namespace harness::contract
