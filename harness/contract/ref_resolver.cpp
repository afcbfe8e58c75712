#include "ref_resolver.hpp"

#include "harness/json/pointer.hpp"

#include <unordered_map>
#include <vector>

namespace harness::contract {

namespace {

enum class visit_state { in_progress, done };

class ref_checker {
public:
    ref_checker(const json::source_document& doc, findings& out) : doc_(doc), out_(out) {}

    void run() {
        collect_refs(doc_.root(), "");
        for (const std::string& site : ref_sites_) {
            std::vector<std::string> path;
            visit(site, path);
        }
    }

private:
    // Records every $ref site, reporting the ones that are not local or do not resolve.
    void collect_refs(const boost::json::value& value, const std::string& pointer) {
        if (value.is_array()) {
            std::size_t index = 0;
            for (const auto& item : value.as_array()) {
                collect_refs(item, json::append_pointer(pointer, index++));
            }
            return;
        }
        if (!value.is_object()) {
            return;
        }
        const auto& object = value.as_object();
        if (const auto* ref = object.if_contains("$ref")) {
            std::string ref_pointer = json::append_pointer(pointer, "$ref");
            std::string target;
            if (!ref->is_string()) {
                error(ref_pointer, "$ref must be a string");
            } else if (!local_ref_pointer(ref->as_string(), target)) {
                error(ref_pointer, "only local $refs (\"#/...\") are supported, got '" +
                                       std::string(ref->as_string()) + "'");
            } else if (json::find_pointer(doc_.root(), target) == nullptr) {
                error(ref_pointer, "dangling $ref: nothing at '" + std::string(ref->as_string()) + "'");
            } else {
                ref_sites_.push_back(pointer);
            }
        }
        for (const auto& member : object) {
            collect_refs(member.value(), json::append_pointer(pointer, member.key()));
        }
    }

    // The nodes that apply to the same instance as the node at `pointer`.
    std::vector<std::string> same_instance_successors(const std::string& pointer) const {
        std::vector<std::string> next;
        const auto* value = json::find_pointer(doc_.root(), pointer);
        if (value == nullptr || !value->is_object()) {
            return next;
        }
        const auto& object = value->as_object();
        std::string target;
        if (const auto* ref = object.if_contains("$ref");
            ref != nullptr && ref->is_string() && local_ref_pointer(ref->as_string(), target) &&
            json::find_pointer(doc_.root(), target) != nullptr) {
            next.push_back(target);
        }
        for (const char* keyword : {"allOf", "anyOf", "oneOf"}) {
            if (const auto* list = object.if_contains(keyword); list != nullptr && list->is_array()) {
                for (std::size_t i = 0; i < list->as_array().size(); ++i) {
                    next.push_back(json::append_pointer(json::append_pointer(pointer, keyword), i));
                }
            }
        }
        for (const char* keyword : {"not", "if", "then", "else"}) {
            if (object.contains(keyword)) {
                next.push_back(json::append_pointer(pointer, keyword));
            }
        }
        return next;
    }

    void visit(const std::string& pointer, std::vector<std::string>& path) {
        auto [it, inserted] = state_.try_emplace(pointer, visit_state::in_progress);
        if (!inserted) {
            if (it->second == visit_state::in_progress) {
                report_cycle(pointer, path);
            }
            return;
        }
        path.push_back(pointer);
        for (const std::string& next : same_instance_successors(pointer)) {
            visit(next, path);
        }
        path.pop_back();
        state_[pointer] = visit_state::done;
    }

    void report_cycle(const std::string& start, const std::vector<std::string>& path) {
        std::string chain;
        bool in_cycle = false;
        for (const std::string& node : path) {
            in_cycle = in_cycle || node == start;
            if (in_cycle) {
                chain += node + " -> ";
            }
        }
        chain += start;
        error(json::append_pointer(start, "$ref"), "$ref cycle: " + chain);
    }

    void error(const std::string& pointer, const std::string& message) {
        out_.push_back({finding_severity::error, doc_.locate(pointer), message});
    }

    const json::source_document& doc_;
    findings& out_;
    std::vector<std::string> ref_sites_;
    std::unordered_map<std::string, visit_state> state_;
};

} // namespace

bool local_ref_pointer(std::string_view ref, std::string& pointer) {
    if (ref.empty() || ref.front() != '#') {
        return false;
    }
    pointer.assign(ref.substr(1));
    return pointer.empty() || pointer.front() == '/';
}

void check_refs(const json::source_document& doc, findings& out) {
    ref_checker(doc, out).run();
}

const boost::json::value* follow_refs(const boost::json::value& root, std::string_view pointer,
                                      std::string& resolved_pointer) {
    resolved_pointer.assign(pointer);
    const boost::json::value* value = json::find_pointer(root, pointer);
    // A chain longer than this has looped; check_refs names the cycle.
    for (int hops = 0; value != nullptr && hops < 64; ++hops) {
        const auto* object = value->if_object();
        const auto* ref = object != nullptr ? object->if_contains("$ref") : nullptr;
        if (ref == nullptr) {
            return value;
        }
        std::string target;
        if (!ref->is_string() || !local_ref_pointer(ref->as_string(), target)) {
            return nullptr;
        }
        resolved_pointer = target;
        value = json::find_pointer(root, target);
    }
    return nullptr;
}

} // namespace harness::contract
