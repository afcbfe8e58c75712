#include "validation_suite.hpp"

#include <algorithm>

namespace harness::scenario {

namespace {

namespace hc = harness::contract;
using boost::json::object;
using boost::json::value;

step one_step(request_template request, step_expectation expect) {
    step s;
    s.id = "send";
    s.request = std::move(request);
    s.expect = std::move(expect);
    return s;
}

scenario_case one_step_case(std::string name, std::string description, step s,
                            std::vector<std::string> covers) {
    scenario_case c;
    c.name = std::move(name);
    c.description = std::move(description);
    c.steps.push_back(std::move(s));
    c.covers = std::move(covers);
    return c;
}

step_expectation refused_as(hc::failure_kind kind, std::vector<std::string> fields) {
    step_expectation e;
    e.failure = kind;
    e.field_errors = std::move(fields);
    e.stored = 0;
    return e;
}

// The value a field item sends: samples as the model chose them, strings made unique per send where the
// variant allows (a long or non-ASCII idempotency key must not replay another run's message).
value sent_value(const hc::coverage_item& item) {
    if (item.variant == hc::field_variant_valid && item.sample.is_string()) {
        return "${uuid}";
    }
    if (item.variant == hc::field_variant_long) {
        return value(boost::json::string("${uuid}" + std::string(hc::long_string_length - 36, 'x')));
    }
    if (item.variant == hc::field_variant_non_ascii) {
        return value(boost::json::string(std::string(item.sample.as_string()) + " ${uuid}"));
    }
    return item.sample;
}

scenario_case field_case(const hc::coverage_item& item, const object& base, const hc::profile& profile) {
    const std::string& field = item.fields.front();
    object body = base;
    if (item.variant == hc::field_variant_absent) {
        body.erase(field);
    } else {
        body[field] = sent_value(item);
    }
    if (item.variant == hc::field_variant_empty && profile.idempotency.key_pointer == "/" + field) {
        // An empty key cannot be made unique: the same whole body every run, so a gateway that remembers the
        // key replays the first message rather than refusing another payload.
        for (auto& member : body) {
            if (member.value().is_string() && member.key() != field) {
                member.value() = "harness-empty-key-probe";
            }
        }
    }
    request_template request;
    step_expectation expect;
    std::vector<requirement> needs;
    if (item.conforms && profile.company_pointer == "/" + field && item.variant != hc::field_variant_absent &&
        item.variant != hc::field_variant_null) {
        // The field names the caller's company (profile auth.company_pointer): only the project's company is
        // a success; any other string may be refused as forbidden (profile rule 3).
        expect.status = {profile.success_status};
        if (item.variant == hc::field_variant_valid) {
            body[field] = "${company}";
            needs.push_back(requirement::company);
        } else {
            expect.failure = hc::failure_kind::forbidden;
        }
    } else if (item.conforms) {
        expect.status = {profile.success_status};
    } else {
        expect = refused_as(hc::failure_kind::validation, {field});
    }
    request.json = value(std::move(body));
    scenario_case c = one_step_case(field + " " + item.variant, item.description,
                                    one_step(std::move(request), expect), {item.id});
    c.requires_ = std::move(needs);
    return c;
}

scenario_case combination_case(const hc::coverage_item& item, const std::vector<hc::coverage_item>& model,
                               const object& base) {
    object body = base;
    for (const std::string& field : item.fields) {
        // The field's first wrong-type sample.
        const auto wrong = std::find_if(model.begin(), model.end(), [&](const hc::coverage_item& f) {
            return f.area == hc::coverage_area::field && f.fields.front() == field &&
                   f.variant.starts_with("as ");
        });
        body[field] = wrong->sample;
    }
    request_template request;
    request.json = value(std::move(body));
    std::string name;
    for (const std::string& field : item.fields) {
        name += (name.empty() ? "" : " + ") + field;
    }
    return one_step_case(name + " bad together", item.description,
                         one_step(std::move(request), refused_as(hc::failure_kind::validation, item.fields)),
                         {item.id});
}

} // namespace

object conforming_body(const std::vector<hc::coverage_item>& model) {
    object base;
    for (const hc::coverage_item& item : model) {
        if (item.area == hc::coverage_area::field && item.variant == hc::field_variant_absent &&
            !item.conforms) {
            base[item.fields.front()] = "${uuid}";
        }
    }
    for (const hc::coverage_item& item : model) {
        if (item.area == hc::coverage_area::field && item.variant == hc::field_variant_valid &&
            base.contains(item.fields.front()) && !item.sample.is_string()) {
            base[item.fields.front()] = item.sample;
        }
    }
    return base;
}

suite generate_validation_suite(const hc::contract& contract, const std::vector<hc::coverage_item>& model,
                                const hc::profile& profile) {
    suite result;
    result.name = "validation";
    result.source = "generated from " + contract.source_name();
    const object base = conforming_body(model);
    for (const hc::coverage_item& item : model) {
        if (item.area == hc::coverage_area::field) {
            result.cases.push_back(field_case(item, base, profile));
        } else if (item.area == hc::coverage_area::fields) {
            result.cases.push_back(combination_case(item, model, base));
        }
    }

    request_template malformed;
    malformed.raw = "{\"itemUuid\": ";
    result.cases.push_back(one_step_case("body is not JSON", "a truncated JSON text",
                                         one_step(malformed, refused_as(hc::failure_kind::validation, {})),
                                         {"failure validation"}));
    request_template array_body;
    array_body.raw = "[]";
    result.cases.push_back(one_step_case("body is not an object", "a JSON array",
                                         one_step(array_body, refused_as(hc::failure_kind::validation, {})),
                                         {"failure validation"}));
    request_template wrong_type;
    wrong_type.json = value(base);
    wrong_type.content_type = "text/plain";
    result.cases.push_back(
        one_step_case("content type text/plain", "a conforming body sent as text/plain",
                      one_step(wrong_type, refused_as(hc::failure_kind::unsupported_media_type, {})),
                      {"failure unsupported_media_type"}));
    request_template oversize;
    oversize.json = value(base);
    oversize.pad_body_to = profile.max_body_bytes + 1;
    result.cases.push_back(one_step_case(
        "body over the size limit", "a body of " + std::to_string(profile.max_body_bytes + 1) + " bytes",
        one_step(oversize, refused_as(hc::failure_kind::payload_too_large, {})),
        {"failure payload_too_large"}));
    return result;
}

} // namespace harness::scenario
