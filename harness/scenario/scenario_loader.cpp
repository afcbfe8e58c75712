#include "scenario_loader.hpp"

#include "harness/json/document_error.hpp"
#include "harness/json/document_reader.hpp"
#include "harness/json/pointer.hpp"
#include "harness/json/source_document.hpp"
#include "variables.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include <boost/json/serialize.hpp>

namespace harness::scenario {

namespace {

using boost::json::object;
using boost::json::value;
using harness::json::append_pointer;
using harness::json::document_error;
using harness::json::source_document;

class suite_reader : harness::json::document_reader {
public:
    explicit suite_reader(const source_document& doc) : document_reader(doc) {}

    suite read() {
        suite result;
        result.source = document().name();
        const object& root = mapping(document().root(), "");
        only_keys(root, "", {"suite", "description", "cases"});
        result.name = string(member(root, "", "suite"), "/suite");
        const std::string cases_pointer = "/cases";
        const value& cases = member(root, "", "cases");
        if (!cases.is_array() || cases.as_array().empty()) {
            fail(cases_pointer, "'cases' must be a non-empty list");
        }
        std::set<std::string> names;
        for (std::size_t i = 0; i < cases.as_array().size(); ++i) {
            const std::string pointer = append_pointer(cases_pointer, i);
            scenario_case c = read_case(mapping(cases.as_array()[i], pointer), pointer);
            if (!names.insert(c.name).second) {
                fail(pointer + "/name", "duplicate case name '" + c.name + "'");
            }
            result.cases.push_back(std::move(c));
        }
        return result;
    }

private:
    scenario_case read_case(const object& o, const std::string& pointer) {
        only_keys(o, pointer, {"name", "description", "requires", "steps"});
        scenario_case c;
        c.line = document().locate(pointer).line;
        c.name = string(member(o, pointer, "name"), pointer + "/name");
        if (const value* d = o.if_contains("description")) {
            c.description = string(*d, pointer + "/description");
        }
        if (const value* r = o.if_contains("requires")) {
            for (const std::string& name : strings(*r, pointer + "/requires")) {
                c.requires_.push_back(parse_requirement(name, pointer + "/requires"));
            }
        }
        const value& steps = member(o, pointer, "steps");
        if (!steps.is_array() || steps.as_array().empty()) {
            fail(pointer + "/steps", "'steps' must be a non-empty list");
        }
        std::set<std::string> ids;
        std::vector<std::string> captured; // what earlier steps of the case capture, usable as ${NAME} after
        for (std::size_t i = 0; i < steps.as_array().size(); ++i) {
            const std::string step_pointer = append_pointer(pointer + "/steps", i);
            check_variables(steps.as_array()[i], step_pointer, captured);
            step s = read_step(mapping(steps.as_array()[i], step_pointer), step_pointer, i);
            for (const auto& [name, capture_pointer] : s.capture) {
                captured.push_back(name);
            }
            for (const auto& [key, referenced] :
                 {std::pair{"same_data_as", s.expect.same_data_as},
                  std::pair{"different_data_from", s.expect.different_data_from},
                  std::pair{"same_answer_as", s.expect.same_answer_as}}) {
                if (!referenced.empty() && !ids.contains(referenced)) {
                    fail(step_pointer + "/expect/" + key,
                         "no earlier step with id '" + referenced + "' in this case");
                }
            }
            if (!ids.insert(s.id).second) {
                fail(step_pointer + "/id", "duplicate step id '" + s.id + "'");
            }
            c.steps.push_back(std::move(s));
        }
        return c;
    }

    // Every ${NAME} in a step's strings must be one a run can expand: a typo fails at load, with its line.
    void check_variables(const value& v, const std::string& pointer,
                         const std::vector<std::string>& captured) {
        if (v.is_string()) {
            const std::string unknown = unknown_variable(v.as_string(), captured);
            if (!unknown.empty()) {
                std::string known = "uuid, uuid:NAME, env:NAME, text:N";
                for (const std::string& name : target_variable_names()) {
                    known += ", " + name;
                }
                for (const std::string& name : captured) {
                    known += ", " + name + " (captured)";
                }
                fail(pointer, "unknown variable " + unknown + " (known: " + known + ")");
            }
        } else if (v.is_array()) {
            for (std::size_t i = 0; i < v.as_array().size(); ++i) {
                check_variables(v.as_array()[i], append_pointer(pointer, i), captured);
            }
        } else if (v.is_object()) {
            for (const auto& member : v.as_object()) {
                check_variables(member.value(), append_pointer(pointer, member.key()), captured);
            }
        }
    }

    requirement parse_requirement(const std::string& name, const std::string& pointer) {
        static const std::map<std::string, requirement> names = {
            {"second_token", requirement::second_token},
            {"other_project_token", requirement::other_project_token},
            {"expired_token", requirement::expired_token},
            {"conversation_2", requirement::conversation_2},
            {"company", requirement::company},
            {"admin", requirement::admin},
            {"failing_conversation", requirement::failing_conversation},
            {"http2", requirement::http2}};
        auto it = names.find(name);
        if (it == names.end()) {
            fail(pointer, "unknown requirement '" + name +
                              "' (expected second_token, other_project_token, expired_token, conversation_2, "
                              "company, admin, failing_conversation, http2)");
        }
        return it->second;
    }

    step read_step(const object& o, const std::string& pointer, std::size_t index) {
        only_keys(o, pointer, {"id", "request", "expect", "repeat", "concurrent", "capture", "http"});
        step s;
        s.line = document().locate(pointer).line;
        s.id = o.contains("id") ? string(o.at("id"), pointer + "/id") : "step" + std::to_string(index + 1);
        if (const value* r = o.if_contains("request")) {
            s.request = read_request(mapping(*r, pointer + "/request"), pointer + "/request");
        }
        if (const value* e = o.if_contains("expect")) {
            s.expect = read_expect(mapping(*e, pointer + "/expect"), pointer + "/expect");
        }
        if (const value* r = o.if_contains("repeat")) {
            s.repeat = static_cast<int>(integer(*r, pointer + "/repeat", 1, 10000));
        }
        if (const value* c = o.if_contains("concurrent")) {
            s.concurrent = static_cast<int>(integer(*c, pointer + "/concurrent", 1, 1000));
        }
        if (const value* h = o.if_contains("http")) {
            s.http = h->is_string() ? std::string(h->as_string()) : std::string();
            if (s.http != "1.1" && s.http != "2") {
                fail(pointer + "/http", "expected \"1.1\" or \"2\" (a string)");
            }
        }
        if (const value* c = o.if_contains("capture")) {
            for (const auto& member : mapping(*c, pointer + "/capture")) {
                const std::string p = append_pointer(pointer + "/capture", member.key());
                s.capture[std::string(member.key())] = json_pointer(member.value(), p);
            }
        }
        return s;
    }

    request_template read_request(const object& o, const std::string& pointer) {
        only_keys(
            o, pointer,
            {"method", "path", "raw_path", "headers", "auth", "json", "raw", "content_type", "pad_body_to"});
        request_template r;
        if (const value* m = o.if_contains("method")) {
            r.method = string(*m, pointer + "/method");
            static const std::regex token("[A-Z]+");
            if (!std::regex_match(r.method, token)) {
                fail(pointer + "/method", "method must be an upper-case HTTP method such as POST");
            }
        }
        if (const value* p = o.if_contains("path")) {
            for (const auto& member : mapping(*p, pointer + "/path")) {
                r.path[std::string(member.key())] =
                    string(member.value(), append_pointer(pointer + "/path", member.key()));
            }
        }
        if (const value* p = o.if_contains("raw_path")) {
            r.raw_path = string(*p, pointer + "/raw_path");
        }
        if (const value* h = o.if_contains("headers")) {
            for (const auto& member : mapping(*h, pointer + "/headers")) {
                r.headers.emplace_back(
                    std::string(member.key()),
                    string(member.value(), append_pointer(pointer + "/headers", member.key()), true, true));
            }
        }
        if (const value* a = o.if_contains("auth")) {
            if (!a->is_bool()) {
                fail(pointer + "/auth", "auth must be true or false");
            }
            r.default_auth = a->as_bool();
        }
        if (o.contains("json") && o.contains("raw")) {
            fail(pointer, "a request has either 'json' or 'raw', not both");
        }
        if (const value* j = o.if_contains("json")) {
            r.json = *j;
        }
        if (const value* raw = o.if_contains("raw")) {
            r.raw = string(*raw, pointer + "/raw", true);
        }
        if (const value* c = o.if_contains("content_type")) {
            r.content_type = string(*c, pointer + "/content_type", true);
        }
        if (const value* p = o.if_contains("pad_body_to")) {
            r.pad_body_to = static_cast<std::size_t>(integer(*p, pointer + "/pad_body_to", 1, 1LL << 30));
        }
        return r;
    }

    step_expectation read_expect(const object& o, const std::string& pointer) {
        only_keys(o, pointer,
                  {"status", "failure", "also_status", "schema", "json", "headers", "field_errors",
                   "same_data_as", "different_data_from", "same_data_across_copies", "latency_ms", "stored",
                   "same_answer_as"});
        step_expectation e;
        if (const value* s = o.if_contains("status")) {
            e.status = statuses(*s, pointer + "/status");
        }
        if (const value* f = o.if_contains("failure")) {
            const std::string name = string(*f, pointer + "/failure");
            e.failure = harness::contract::failure_kind_from_string(name);
            if (!e.failure) {
                fail(pointer + "/failure", "unknown failure kind '" + name +
                                               "' (one of the profile's: validation, "
                                               "unauthenticated, forbidden, not_found, …)");
            }
        }
        if (const value* s = o.if_contains("also_status")) {
            e.also_allowed_status = statuses(*s, pointer + "/also_status");
        }
        if (const value* s = o.if_contains("schema")) {
            if (!s->is_bool()) {
                fail(pointer + "/schema", "schema must be true or false");
            }
            e.schema = s->as_bool();
        }
        if (const value* j = o.if_contains("json")) {
            if (!j->is_array()) {
                fail(pointer + "/json", "json must be a list of {pointer, equals|exists|absent|matches}");
            }
            for (std::size_t i = 0; i < j->as_array().size(); ++i) {
                const std::string p = append_pointer(pointer + "/json", i);
                e.json.push_back(read_json_expectation(mapping(j->as_array()[i], p), p));
            }
        }
        if (const value* h = o.if_contains("headers")) {
            if (!h->is_array()) {
                fail(pointer + "/headers", "headers must be a list of {name, equals|matches|absent}");
            }
            for (std::size_t i = 0; i < h->as_array().size(); ++i) {
                const std::string p = append_pointer(pointer + "/headers", i);
                e.headers.push_back(read_header_expectation(mapping(h->as_array()[i], p), p));
            }
        }
        if (const value* f = o.if_contains("field_errors")) {
            e.field_errors = strings(*f, pointer + "/field_errors");
        }
        if (const value* s = o.if_contains("same_data_as")) {
            e.same_data_as = string(*s, pointer + "/same_data_as");
        }
        if (const value* s = o.if_contains("same_answer_as")) {
            e.same_answer_as = string(*s, pointer + "/same_answer_as");
        }
        if (const value* s = o.if_contains("different_data_from")) {
            e.different_data_from = string(*s, pointer + "/different_data_from");
        }
        if (const value* s = o.if_contains("same_data_across_copies")) {
            e.same_data_across_copies = s->is_bool() && s->as_bool();
        }
        if (const value* l = o.if_contains("latency_ms")) {
            e.latency_ms = integer(*l, pointer + "/latency_ms", 1, 3'600'000);
        }
        if (const value* s = o.if_contains("stored")) {
            e.stored = integer(*s, pointer + "/stored", 0, 1'000'000);
        }
        return e;
    }

    header_expectation read_header_expectation(const object& o, const std::string& pointer) {
        only_keys(o, pointer, {"name", "equals", "matches", "absent"});
        header_expectation e;
        e.name = string(member(o, pointer, "name"), pointer + "/name");
        if (const value* v = o.if_contains("equals")) {
            e.equals = string(*v, pointer + "/equals", true);
        }
        if (const value* v = o.if_contains("matches")) {
            e.matches = regex(*v, pointer + "/matches");
        }
        if (const value* v = o.if_contains("absent")) {
            e.absent = v->is_bool() && v->as_bool();
        }
        return e;
    }

    json_expectation read_json_expectation(const object& o, const std::string& pointer) {
        only_keys(o, pointer, {"pointer", "equals", "exists", "absent", "matches"});
        json_expectation e;
        e.pointer = json_pointer(member(o, pointer, "pointer"), pointer + "/pointer");
        int kinds = 0;
        if (const value* v = o.if_contains("equals")) {
            e.kind = json_check_kind::equals;
            e.value = *v;
            ++kinds;
        }
        if (const value* v = o.if_contains("exists")) {
            e.kind = json_check_kind::exists;
            kinds += v->is_bool() && v->as_bool() ? 1 : 100;
        }
        if (const value* v = o.if_contains("absent")) {
            e.kind = json_check_kind::absent;
            kinds += v->is_bool() && v->as_bool() ? 1 : 100;
        }
        if (const value* v = o.if_contains("matches")) {
            e.kind = json_check_kind::matches;
            e.pattern = regex(*v, pointer + "/matches");
            ++kinds;
        }
        if (kinds != 1) {
            fail(pointer, "give exactly one of equals: VALUE, exists: true, absent: true, matches: REGEX");
        }
        return e;
    }

    std::vector<int> statuses(const value& v, const std::string& pointer) {
        std::vector<int> list;
        if (v.is_array()) {
            for (std::size_t i = 0; i < v.as_array().size(); ++i) {
                list.push_back(
                    static_cast<int>(integer(v.as_array()[i], append_pointer(pointer, i), 100, 599)));
            }
        } else {
            list.push_back(static_cast<int>(integer(v, pointer, 100, 599)));
        }
        return list;
    }

    std::string json_pointer(const value& v, const std::string& pointer) {
        std::string text = string(v, pointer, true);
        if (!text.empty() && text.front() != '/') {
            fail(pointer, "'" + text + "' is not a JSON pointer (it must start with '/', or be empty)");
        }
        return text;
    }

    std::string regex(const value& v, const std::string& pointer) {
        std::string text = string(v, pointer, true);
        try {
            std::regex compiled(text);
        } catch (const std::regex_error&) {
            fail(pointer, "'" + text + "' is not a valid regular expression");
        }
        return text;
    }
};

} // namespace

std::string_view to_string(requirement r) {
    switch (r) {
    case requirement::second_token:
        return "second_token";
    case requirement::other_project_token:
        return "other_project_token";
    case requirement::expired_token:
        return "expired_token";
    case requirement::conversation_2:
        return "conversation_2";
    case requirement::company:
        return "company";
    case requirement::admin:
        return "admin";
    case requirement::failing_conversation:
        return "failing_conversation";
    case requirement::http2:
        return "http2";
    }
    return "unknown";
}

suite parse_suite(std::string_view text, std::string name) {
    return suite_reader(source_document::parse(text, std::move(name))).read();
}

suite load_suite(const std::filesystem::path& path) {
    return suite_reader(source_document::read(path)).read();
}

} // namespace harness::scenario
