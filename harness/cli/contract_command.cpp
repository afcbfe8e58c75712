#include "contract_command.hpp"

#include "exit_codes.hpp"
#include "harness/contract/contract.hpp"
#include "harness/contract/profile.hpp"
#include "harness/contract/ref_resolver.hpp"
#include "harness/contract/schema_describer.hpp"
#include "harness/json/pointer.hpp"

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <set>
#include <vector>

namespace harness::cli {

namespace {

namespace hc = harness::contract;

const char* yes_no(bool flag) {
    return flag ? "yes" : "no";
}

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    for (const auto& row : rows) {
        out << "  ";
        for (std::size_t i = 0; i < row.size(); ++i) {
            out << row[i];
            if (i + 1 < row.size()) {
                out << std::string(widths[i] - row[i].size() + 2, ' ');
            }
        }
        out << '\n';
    }
}

std::string parameter_type(const json::source_document& doc, const hc::parameter_spec& p, bool& nullable) {
    if (p.schema_pointer.empty()) {
        nullable = false;
        return "any";
    }
    const hc::schema_description d = hc::describe_schema(doc, p.schema_pointer);
    const auto* nullable_flag = json::find_pointer(doc.root(), p.schema_pointer + "/nullable");
    nullable = nullable_flag != nullptr && nullable_flag->is_bool() && nullable_flag->as_bool();
    return d.type;
}

void print_schema(std::ostream& out, const json::source_document& doc, const std::string& pointer,
                  const std::string& heading) {
    const hc::schema_description d = hc::describe_schema(doc, pointer);
    out << heading << (d.name.empty() ? std::string("inline schema") : d.name)
        << (d.assumed ? "  [x-assumed: the project's assumption, not the manifest's]" : "") << '\n';
    if (d.fields.empty()) {
        out << "  (" << d.type << ")\n";
        return;
    }
    std::vector<std::vector<std::string>> rows{{"field", "type", "required", "nullable"}};
    for (const auto& f : d.fields) {
        rows.push_back({f.name, f.type, yes_no(f.required), yes_no(f.nullable)});
    }
    print_table(out, rows);
}

// Named schemas reachable from the operation, in the order a reader meets them.
std::vector<std::string> schemas_to_show(const json::source_document& doc, const hc::operation& op) {
    std::vector<std::string> queue;
    auto enqueue = [&](const std::string& pointer) {
        if (pointer.starts_with("/components/schemas/") &&
            std::find(queue.begin(), queue.end(), pointer) == queue.end()) {
            queue.push_back(pointer);
        }
    };
    if (op.request_body && op.request_body->json) {
        enqueue(op.request_body->json->schema_pointer);
    }
    for (const auto& r : op.responses) {
        if (r.json) {
            enqueue(r.json->schema_pointer);
        }
    }
    for (std::size_t i = 0; i < queue.size(); ++i) {
        const hc::schema_description d = hc::describe_schema(doc, queue[i]);
        for (const std::string& referenced : d.referenced) {
            enqueue(referenced);
        }
        std::string resolved;
        if (const auto* schema = hc::follow_refs(doc.root(), queue[i], resolved);
            schema && schema->is_object()) {
            if (const auto* all_of = schema->as_object().if_contains("allOf"); all_of && all_of->is_array()) {
                for (const auto& part : all_of->as_array()) {
                    std::string target;
                    if (const auto* ref = part.is_object() ? part.as_object().if_contains("$ref") : nullptr;
                        ref && ref->is_string() && hc::local_ref_pointer(ref->as_string(), target)) {
                        enqueue(target);
                    }
                }
            }
        }
    }
    return queue;
}

void print_operation(std::ostream& out, const hc::contract& c, const hc::operation& op) {
    const json::source_document& doc = c.document();
    out << op.method << ' ' << op.path.text() << '\n';
    out << "  operationId  " << op.operation_id << '\n';
    if (!op.summary.empty()) {
        out << "  summary      " << op.summary << '\n';
    }
    out << "  security     ";
    if (op.security.empty()) {
        out << "none";
    }
    for (std::size_t i = 0; i < op.security.size(); ++i) {
        const auto& s = op.security[i];
        out << (i ? " or " : "") << s.name << " (" << s.type << (s.scheme.empty() ? "" : " " + s.scheme)
            << ")";
    }
    out << "\n\nparameters\n";
    std::vector<std::vector<std::string>> rows{{"name", "in", "type", "required", "nullable"}};
    for (const auto& p : op.parameters) {
        bool nullable = false;
        std::string type = parameter_type(doc, p, nullable);
        rows.push_back({p.name, p.location, type, yes_no(p.required), yes_no(nullable)});
    }
    print_table(out, rows);
    if (op.request_body) {
        out << "\nrequest body (" << (op.request_body->required ? "required" : "optional");
        for (const auto& media : op.request_body->media_types) {
            out << ", " << media;
        }
        out << ")\n";
    }
    out << "\nresponses\n";
    std::vector<std::vector<std::string>> response_rows{{"status", "schema", "assumed", "description"}};
    for (const auto& r : op.responses) {
        std::string schema = r.json ? (r.json->schema_name.empty() ? "inline" : r.json->schema_name) : "-";
        std::string description =
            r.description.size() > 70 ? r.description.substr(0, 67) + "..." : r.description;
        response_rows.push_back({r.status, schema, yes_no(r.assumed), description});
    }
    print_table(out, response_rows);
    for (const std::string& pointer : schemas_to_show(doc, op)) {
        out << '\n';
        print_schema(out, doc, pointer, "schema ");
    }
}

// Every example under a media type must conform to that media type's schema.
void check_examples(const hc::contract& c, hc::findings& found) {
    const json::source_document& doc = c.document();
    auto check = [&](const hc::payload_spec& payload, const std::string& media_pointer) {
        const auto* media = json::find_pointer(doc.root(), media_pointer);
        if (media == nullptr || !media->is_object() || !payload.validator) {
            return;
        }
        std::vector<std::pair<std::string, const boost::json::value*>> examples;
        if (const auto* example = media->as_object().if_contains("example")) {
            examples.emplace_back(media_pointer + "/example", example);
        }
        if (const auto* named = media->as_object().if_contains("examples"); named && named->is_object()) {
            for (const auto& e : named->as_object()) {
                if (const auto* v =
                        e.value().is_object() ? e.value().as_object().if_contains("value") : nullptr) {
                    examples.emplace_back(
                        json::append_pointer(json::append_pointer(media_pointer + "/examples", e.key()),
                                             "value"),
                        v);
                }
            }
        }
        for (const auto& [pointer, value] : examples) {
            for (const hc::violation& v : payload.validator->validate(*value)) {
                found.push_back({hc::finding_severity::error, doc.locate(pointer),
                                 "example does not match its schema: " + v.to_string()});
            }
        }
    };
    for (const hc::operation& op : c.operations()) {
        if (op.request_body && op.request_body->json) {
            std::string resolved;
            hc::follow_refs(doc.root(), op.pointer + "/requestBody", resolved);
            check(*op.request_body->json,
                  json::append_pointer(resolved + "/content", op.request_body->json->media_type));
        }
        for (const auto& r : op.responses) {
            if (r.json) {
                std::string resolved;
                hc::follow_refs(doc.root(), json::append_pointer(op.pointer + "/responses", r.status),
                                resolved);
                check(*r.json, json::append_pointer(resolved + "/content", r.json->media_type));
            }
        }
    }
}

} // namespace

int run_contract_show(const contract_show_options& options, std::ostream& out, std::ostream& err) {
    try {
        const hc::contract c = options.contract_path.empty() ? hc::contract::builtin()
                                                             : hc::contract::load(options.contract_path);
        out << c.title() << " (version " << c.version() << ", OpenAPI " << c.openapi_version() << ")\n";
        out << "contract " << c.source_name() << "\n\n";
        for (const hc::operation& op : c.operations()) {
            print_operation(out, c, op);
        }
        return exit_ok;
    } catch (const json::document_error& e) {
        err << "error: " << e.what() << '\n';
        return options.contract_path.empty() || std::filesystem::exists(options.contract_path)
                   ? exit_check_failed
                   : exit_usage;
    }
}

int run_contract_check(const contract_check_options& options, std::ostream& out, std::ostream& err) {
    if (!std::filesystem::is_regular_file(options.contract_path)) {
        err << "error: " << options.contract_path << ": no such file\n";
        return exit_usage;
    }
    hc::findings found;
    std::optional<hc::contract> loaded;
    try {
        hc::contract_check_result result =
            hc::check_contract(json::source_document::read(options.contract_path));
        found = std::move(result.found);
        loaded = std::move(result.loaded);
    } catch (const json::document_error& e) {
        found.push_back({hc::finding_severity::error, e.where(), e.message()});
    }
    if (loaded) {
        check_examples(*loaded, found);
    }
    if (!options.profile_path.empty()) {
        if (!std::filesystem::is_regular_file(options.profile_path)) {
            err << "error: " << options.profile_path << ": no such file\n";
            return exit_usage;
        }
        try {
            (void)hc::profile::load(options.profile_path);
        } catch (const json::document_error& e) {
            found.push_back({hc::finding_severity::error, e.where(), e.message()});
        }
    }
    std::size_t errors = 0;
    std::size_t warnings = 0;
    for (const hc::finding& f : found) {
        (f.severity == hc::finding_severity::error ? errors : warnings) += 1;
        out << f.to_string() << '\n';
    }
    const bool failed = errors > 0 || (options.strict && warnings > 0);
    out << (failed ? "FAILED" : "OK") << ": " << options.contract_path;
    if (loaded) {
        out << " (" << loaded->operations().size() << " operation"
            << (loaded->operations().size() == 1 ? "" : "s") << ")";
    }
    if (!options.profile_path.empty()) {
        out << ", profile " << options.profile_path;
    }
    out << ": " << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
        << (warnings == 1 ? "" : "s") << '\n';
    return failed ? exit_check_failed : exit_ok;
}

} // namespace harness::cli
