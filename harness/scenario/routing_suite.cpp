#include "routing_suite.hpp"

#include "validation_suite.hpp"

namespace harness::scenario {

namespace {

namespace hc = harness::contract;
using boost::json::value;

// A conforming body (the validation suite's); routing cases vary only the method and the path.
request_template conforming_request(const std::vector<hc::coverage_item>& model) {
    request_template request;
    request.json = value(conforming_body(model));
    return request;
}

scenario_case one_step_case(const hc::coverage_item& item, std::string name, request_template request,
                            step_expectation expect) {
    step s;
    s.id = "send";
    s.request = std::move(request);
    s.expect = std::move(expect);
    scenario_case c;
    c.name = std::move(name);
    c.description = item.description;
    c.steps.push_back(std::move(s));
    c.covers = {item.id};
    return c;
}

scenario_case method_case(const hc::coverage_item& item, const std::vector<hc::coverage_item>& model) {
    request_template request = conforming_request(model);
    request.method = item.variant;
    step_expectation expect;
    expect.failure = hc::failure_kind::method_not_allowed;
    expect.stored = 0;
    expect.schema = item.variant != "HEAD"; // a reply to HEAD has no body to validate
    return one_step_case(item, item.variant + " on the route", std::move(request), expect);
}

scenario_case path_case(const hc::coverage_item& item, const std::vector<hc::coverage_item>& model,
                        const hc::profile& profile) {
    request_template request = conforming_request(model);
    step_expectation expect;
    expect.failure = hc::failure_kind::not_found;
    std::string name;
    if (item.variant == hc::path_variant_trailing_slash) {
        request.trailing_slash = true;
        expect.status = {profile.success_status}; // or the profile's not-found: both are fine routing
        name = "trailing slash";
    } else {
        const std::string& parameter = item.fields.front();
        name = parameter + " " + item.variant;
        if (item.variant == hc::path_variant_unknown) {
            request.path[parameter] = "${uuid}";
        } else if (item.variant == hc::path_variant_malformed) {
            request.path[parameter] = "not-a-uuid";
        } else {
            request.upper_case_parameter = parameter;
            expect.status = {profile.success_status};
        }
    }
    if (expect.status.empty()) {
        expect.stored = 0; // refused: nothing lands in the target's conversation
    }
    return one_step_case(item, std::move(name), std::move(request), expect);
}

} // namespace

suite generate_routing_suite(const hc::contract& contract, const std::vector<hc::coverage_item>& model,
                             const hc::profile& profile) {
    suite result;
    result.name = "routing";
    result.source = "generated from " + contract.source_name();
    for (const hc::coverage_item& item : model) {
        if (item.area == hc::coverage_area::method) {
            result.cases.push_back(method_case(item, model));
        } else if (item.area == hc::coverage_area::path) {
            result.cases.push_back(path_case(item, model, profile));
        }
    }
    for (const hc::coverage_item& item : model) {
        if (item.id == "failure internal") {
            request_template request = conforming_request(model);
            request.path["conversationUuid"] = "${failing_conversation}";
            step_expectation expect;
            expect.failure = hc::failure_kind::internal;
            scenario_case c =
                one_step_case(item, "a conversation the gateway fails on", std::move(request), expect);
            c.requires_ = {requirement::failing_conversation};
            result.cases.push_back(std::move(c));
        }
    }
    return result;
}

} // namespace harness::scenario
