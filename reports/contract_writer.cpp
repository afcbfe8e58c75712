#include "contract_writer.hpp"

#include "harness/contract/ref_resolver.hpp"
#include "harness/contract/schema_describer.hpp"
#include "harness/json/pointer.hpp"

#include <algorithm>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace harness::reports {

namespace hc = harness::contract;

namespace {

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

} // namespace

void write_contract_operation(const hc::contract& c, const hc::operation& op, std::ostream& out) {
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

} // namespace harness::reports
