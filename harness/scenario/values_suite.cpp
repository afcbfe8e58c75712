#include "values_suite.hpp"

#include "harness/contract/value_families.hpp"
#include "validation_suite.hpp"

#include <algorithm>
#include <cctype>

namespace harness::scenario {

namespace {

namespace hc = harness::contract;
using boost::json::object;
using boost::json::value;

step_expectation accepted(const hc::profile& profile) {
    step_expectation e;
    e.status = {profile.success_status};
    return e;
}

step make_step(std::string id, object body, step_expectation expect) {
    step s;
    s.id = std::move(id);
    s.request.json = value(std::move(body));
    s.expect = std::move(expect);
    return s;
}

class values_builder {
public:
    values_builder(const hc::contract& contract, const hc::operation& operation,
                   const std::vector<hc::coverage_item>& model, const hc::profile& profile,
                   std::uint64_t seed)
        : operation_(operation), model_(model), profile_(profile), seed_(seed),
          base_(conforming_body(model)) {
        result_.name = "values";
        result_.source = "generated from " + contract.source_name() + ", seed " + std::to_string(seed);
    }

    suite build() {
        for (const hc::coverage_item& item : model_) {
            if (item.area != hc::coverage_area::value) {
                continue;
            }
            if (item.fields.empty()) {
                add_body_size(item);
            } else if (item.variant == hc::value_variant_company) {
                add_company(item);
            } else if (item.variant == hc::value_variant_key_case) {
                // ASCII letters, then Cyrillic ones: a collation may fold either.
                add_key_pair(item, {{"mixed", "Key-Ab-"},
                                    {"lower", "key-ab-"},
                                    {"upper", "KEY-AB-"},
                                    {"Cyrillic lower", "ключ-"},
                                    {"Cyrillic upper", "КЛЮЧ-"}});
            } else if (item.variant == hc::value_variant_key_prefix) {
                // Past 64 bytes, 255 and 256: a key column or a comparison that stops there sees one key.
                const std::string prefix = "long-shared-prefix-" + std::string(300, 'p') + "-";
                add_key_pair(item, {{"first", prefix + "first-"}, {"second", prefix + "second-"}});
            } else {
                add_family(item);
            }
        }
        add_over_limit();
        return std::move(result_);
    }

private:
    bool is_key(const std::string& field) const { return "/" + field == profile_.idempotency.key_pointer; }

    // A step sending `text` at `field` of an otherwise conforming body. A key gets the run's unique part (a
    // fresh UUID; after the value when it starts with whitespace, so the whitespace stays leading), so no two
    // runs share a key: a key is never echoed, acceptance as a new key is what counts.
    step value_step(const std::string& field, const hc::string_value& v) const {
        object body = base_;
        if (is_key(field)) {
            const bool leading_space = !v.text.empty() && std::isspace(static_cast<unsigned char>(v.text[0]));
            body[field] = leading_space ? v.text + "${uuid}" : "${uuid}" + v.text;
        } else {
            body[field] = v.text;
        }
        return make_step(v.label, std::move(body), accepted(profile_));
    }

    void add_case(const hc::coverage_item& item, std::string description, std::vector<step> steps,
                  std::vector<requirement> needs = {}) {
        scenario_case c;
        c.name = item.id.substr(std::string_view("value ").size());
        c.description = std::move(description);
        c.steps = std::move(steps);
        c.covers = {item.id};
        c.requires_ = std::move(needs);
        result_.cases.push_back(std::move(c));
    }

    void add_family(const hc::coverage_item& item) {
        const std::string& field = item.fields.front();
        std::vector<hc::string_value> values;
        if (item.variant == hc::value_variant_sample) {
            // Each field its own draws from the one seed: the values of a run follow from the seed alone.
            const std::vector<hc::string_value> all =
                hc::sampled_values(seed_, sampled_values_per_field * (++sampled_fields_));
            values.assign(all.end() - sampled_values_per_field, all.end());
        } else {
            const auto family =
                std::find_if(hc::value_families().begin(), hc::value_families().end(),
                             [&](const hc::value_family& f) { return f.name == item.variant; });
            values = hc::accepted_values(*operation_.request_body->json->validator, field, *family);
        }
        std::vector<step> steps;
        for (const hc::string_value& v : values) {
            steps.push_back(value_step(field, v));
        }
        add_case(item, item.description + " (one send per value)", std::move(steps));
    }

    // The same payload under each key: a gateway that takes two of the keys for one replays the first
    // message, and the new_message check sees the same data twice.
    void add_key_pair(const hc::coverage_item& item,
                      const std::vector<std::pair<std::string, std::string>>& keys) {
        const std::string& field = item.fields.front();
        std::vector<step> steps;
        object payload = base_;
        for (auto& member : payload) {
            if (member.value() == "${uuid}") {
                member.value() = "${uuid:payload}"; // one value for the whole case
            }
        }
        for (const auto& [id, key] : keys) {
            object body = payload;
            body[field] = key + "${uuid:key}";
            step s = make_step(id, std::move(body), accepted(profile_));
            if (!steps.empty()) {
                s.expect.different_data_from = steps.back().id;
            }
            steps.push_back(std::move(s));
        }
        add_case(item, item.description, std::move(steps));
    }

    void add_company(const hc::coverage_item& item) {
        object body = base_;
        body[item.fields.front()] = "${company}";
        add_case(item, item.description, {make_step("send", std::move(body), accepted(profile_))},
                 {requirement::company});
    }

    step sized_step(std::size_t bytes, step_expectation expect) const {
        step s = make_step(std::to_string(bytes) + " bytes", base_, std::move(expect));
        s.request.pad_body_to = bytes;
        s.request.pad_unit = "😀字éx"; // 1 to 4 bytes per code point
        return s;
    }

    void add_body_size(const hc::coverage_item& item) {
        const auto bytes = static_cast<std::size_t>(item.sample.to_number<std::uint64_t>());
        add_case(item, item.description, {sized_step(bytes, accepted(profile_))});
    }

    // One byte past the limit, beside the two bodies at and below it (the validation suite has one too).
    void add_over_limit() {
        step_expectation refused;
        refused.failure = hc::failure_kind::payload_too_large;
        refused.stored = 0;
        scenario_case c;
        c.name = "body: " + std::to_string(profile_.max_body_bytes + 1) + " bytes";
        c.description = "a whole body of the size limit + 1 bytes: refused as too large";
        c.steps = {sized_step(profile_.max_body_bytes + 1, refused)};
        c.covers = {"failure payload_too_large"};
        result_.cases.push_back(std::move(c));
    }

    const hc::operation& operation_;
    const std::vector<hc::coverage_item>& model_;
    const hc::profile& profile_;
    std::uint64_t seed_;
    object base_;
    std::size_t sampled_fields_ = 0;
    suite result_;
};

} // namespace

suite generate_values_suite(const hc::contract& contract, const hc::operation& operation,
                            const std::vector<hc::coverage_item>& model, const hc::profile& profile,
                            std::uint64_t seed) {
    return values_builder(contract, operation, model, profile, seed).build();
}

} // namespace harness::scenario
