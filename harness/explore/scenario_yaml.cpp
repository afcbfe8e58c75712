#include "scenario_yaml.hpp"

#include <boost/json/serialize.hpp>

namespace harness::explore {

namespace {

namespace hs = harness::scenario;

std::string quoted(const std::string& text) {
    return boost::json::serialize(boost::json::value(text));
}

std::string statuses(const std::vector<int>& list) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
        out += (i == 0 ? "" : ", ") + std::to_string(list[i]);
    }
    return out + "]";
}

void write_request(const hs::request_template& r, std::string& out) {
    out += "        request:\n";
    for (const auto& [name, value] : r.path) {
        out += "          path: {" + name + ": " + quoted(value) + "}\n";
    }
    if (!r.headers.empty()) {
        out += "          headers: {";
        for (std::size_t i = 0; i < r.headers.size(); ++i) {
            out += (i == 0 ? "" : ", ") + quoted(r.headers[i].first) + ": " + quoted(r.headers[i].second);
        }
        out += "}\n";
    }
    if (!r.default_auth) {
        out += "          auth: false\n";
    }
    if (r.content_type != "application/json") {
        out += "          content_type: " + quoted(r.content_type) + "\n";
    }
    if (r.json) {
        out += "          json: " + boost::json::serialize(*r.json) + "\n";
    }
    if (r.raw) {
        out += "          raw: " + quoted(*r.raw) + "\n";
    }
    if (r.pad_body_to > 0) {
        out += "          pad_body_to: " + std::to_string(r.pad_body_to) + "\n";
    }
}

void write_expectation(const hs::step_expectation& e, std::string& out) {
    std::string fields;
    const auto add = [&fields](const std::string& field) {
        fields += (fields.empty() ? "" : ", ") + field;
    };
    if (!e.status.empty()) {
        add("status: " + statuses(e.status));
    }
    if (e.failure) {
        add("failure: " + std::string(contract::to_string(*e.failure)));
    }
    if (!e.also_allowed_status.empty()) {
        add("also_status: " + statuses(e.also_allowed_status));
    }
    if (!e.same_data_as.empty()) {
        add("same_data_as: " + e.same_data_as);
    }
    if (e.same_data_across_copies) {
        add("same_data_across_copies: true");
    }
    if (e.stored) {
        add("stored: " + std::to_string(*e.stored));
    }
    out += "        expect: {" + fields + "}\n";
}

} // namespace

std::string scenario_yaml(const hs::scenario_case& c, const std::string& suite_name,
                          const std::string& comment) {
    std::string out;
    std::size_t start = 0;
    while (start < comment.size()) {
        const std::size_t end = comment.find('\n', start);
        out +=
            "# " + comment.substr(start, end == std::string::npos ? std::string::npos : end - start) + "\n";
        start = end == std::string::npos ? comment.size() : end + 1;
    }
    out += "suite: " + suite_name + "\ncases:\n  - name: " + quoted(c.name) + "\n";
    if (!c.requires_.empty()) {
        out += "    requires: [";
        for (std::size_t i = 0; i < c.requires_.size(); ++i) {
            out += (i == 0 ? "" : ", ") + std::string(hs::to_string(c.requires_[i]));
        }
        out += "]\n";
    }
    out += "    steps:\n";
    for (const hs::step& s : c.steps) {
        out += "      - id: " + s.id + "\n";
        if (s.concurrent > 1) {
            out += "        concurrent: " + std::to_string(s.concurrent) + "\n";
        }
        write_request(s.request, out);
        write_expectation(s.expect, out);
    }
    return out;
}

} // namespace harness::explore
