#include "example_checks.hpp"

#include "harness/json/pointer.hpp"
#include "ref_resolver.hpp"

namespace harness::contract {

// Every example under a media type must conform to that media type's schema.
void check_examples(const contract& c, findings& found) {
    const json::source_document& doc = c.document();
    auto check = [&](const payload_spec& payload, const std::string& media_pointer) {
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
            for (const violation& v : payload.validator->validate(*value)) {
                found.push_back({finding_severity::error, doc.locate(pointer),
                                 "example does not match its schema: " + v.to_string()});
            }
        }
    };
    for (const operation& op : c.operations()) {
        if (op.request_body && op.request_body->json) {
            std::string resolved;
            follow_refs(doc.root(), op.pointer + "/requestBody", resolved);
            check(*op.request_body->json,
                  json::append_pointer(resolved + "/content", op.request_body->json->media_type));
        }
        for (const auto& r : op.responses) {
            if (r.json) {
                std::string resolved;
                follow_refs(doc.root(), json::append_pointer(op.pointer + "/responses", r.status), resolved);
                check(*r.json, json::append_pointer(resolved + "/content", r.json->media_type));
            }
        }
    }
}

} // namespace harness::contract
