#include "explorer.hpp"

#include "examples_file.hpp"
#include "harness/checks/rules.hpp"
#include "harness/json/output_file.hpp"
#include "scenario_yaml.hpp"
#include "sequence_case.hpp"
#include "shrinker.hpp"

#include <chrono>
#include <cstdio>
#include <ostream>

namespace harness::explore {

namespace {

namespace hs = harness::scenario;
using clock_type = std::chrono::steady_clock;

constexpr int runs_of_a_concurrent_candidate = 3;

std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::string hex(std::uint64_t v) {
    char text[20];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(v));
    return text;
}

bool concurrent(const sequence& s) {
    return std::any_of(s.ops.begin(), s.ops.end(), [](const op& o) { return o.copies > 1; });
}

class exploration {
public:
    exploration(const explore_plan& plan, hs::run_context& context) : plan_(plan), context_(context) {
        suite_.name = "explore";
    }

    explore_outcome run() {
        const auto started = clock_type::now();
        std::vector<sequence> kept;
        for (const sequence& example : plan_.examples) {
            if (failed(example)) {
                kept.push_back(report_failure(example, "an example kept from an earlier run"));
            }
        }
        for (std::uint64_t i = 0;; ++i) {
            if (std::chrono::duration<double>(clock_type::now() - started).count() >= plan_.budget_seconds ||
                !context_.not_answering.empty()) {
                break;
            }
            const std::uint64_t seed = mix(plan_.seed + i);
            const sequence s = generate_sequence(seed, plan_.can);
            if (failed(s)) {
                kept.push_back(
                    report_failure(s, "sequence " + hex(seed) + " of seed " + std::to_string(plan_.seed)));
                break;
            }
        }
        if (!plan_.examples_file.empty() && (!kept.empty() || !plan_.examples.empty())) {
            if (auto problem = write_examples(plan_.examples_file, kept)) {
                out_.problem = *problem;
            }
        }
        out_.cases.push_back(summary(std::chrono::duration<double>(clock_type::now() - started).count()));
        return std::move(out_);
    }

private:
    result::case_outcome run_sequence(const sequence& s, const std::string& name) {
        const sequence_case c = make_sequence_case(s, context_.profile, name);
        result::case_outcome outcome = hs::run_case(suite_, c.scenario, context_);
        ++out_.sequences;
        out_.steps += s.ops.size();
        out_.transitions.insert(c.transitions.begin(), c.transitions.end());
        return outcome;
    }

    bool failed(const sequence& s) { return run_sequence(s, "probe").status == result::case_status::failed; }

    // A candidate with concurrent steps fails when any of a few runs fails (timing decides some failures).
    bool candidate_fails(const sequence& s) {
        const int runs = concurrent(s) ? runs_of_a_concurrent_candidate : 1;
        for (int i = 0; i < runs; ++i) {
            if (failed(s)) {
                return true;
            }
        }
        return false;
    }

    sequence report_failure(const sequence& found, const std::string& origin) {
        const std::function<bool(const sequence&)> fails = [this](const sequence& s) {
            return candidate_fails(s);
        };
        const shrink_result shrunk = shrink(found, fails);
        const std::string name = "a sequence of " + std::to_string(shrunk.smallest.ops.size()) +
                                 " step(s) breaks " + "the model (" + origin + ", shrunk from " +
                                 std::to_string(found.ops.size()) + ")";
        // The shrunk sequence once more, for its replies; with concurrent steps, it may pass this time.
        result::case_outcome outcome = run_sequence(shrunk.smallest, name);
        int fails_of_runs = outcome.status == result::case_status::failed ? 1 : 0;
        for (int i = 1; concurrent(shrunk.smallest) && i < runs_of_a_concurrent_candidate * 2; ++i) {
            fails_of_runs += failed(shrunk.smallest) ? 1 : 0;
        }
        const sequence_case c = make_sequence_case(shrunk.smallest, context_.profile, name);
        outcome.description = c.scenario.description;
        if (concurrent(shrunk.smallest)) {
            outcome.description += "timing-dependent: failed " + std::to_string(fails_of_runs) + " of " +
                                   std::to_string(runs_of_a_concurrent_candidate * 2) + " runs\n";
        }
        outcome.description += std::to_string(shrunk.attempts) + " shrink candidate(s) run";
        write_scenario(c, origin, outcome);
        if (outcome.status != result::case_status::failed) {
            outcome.status = result::case_status::failed; // it failed when found; timing let this run pass
            outcome.checks.push_back(
                checks::make_outcome("sequence_model", false,
                                     "the sequence failed when found and in shrinking, not in "
                                     "this last run (timing-dependent)",
                                     "every step as the model predicts", "failed earlier",
                                     std::string(checks::rules::sequence_model)));
        }
        out_.cases.push_back(std::move(outcome));
        return shrunk.smallest;
    }

    void write_scenario(const sequence_case& c, const std::string& origin, result::case_outcome& outcome) {
        if (plan_.scenario_dir.empty()) {
            return;
        }
        const std::filesystem::path file =
            plan_.scenario_dir / ("explore-" + hex(mix(plan_.seed ^ out_.cases.size())) + ".yaml");
        std::error_code error;
        std::filesystem::create_directories(plan_.scenario_dir, error);
        const std::string text = scenario_yaml(c.scenario, "explore-found",
                                               "Found by harness verify's explore suite (" + origin +
                                                   "), shrunk:\n" + c.scenario.description);
        const auto problem =
            json::write_output_file(file, "the scenario file", [&text](std::ostream& out) { out << text; });
        outcome.description += problem ? "\n" + *problem : "\nscenario: " + file.string();
    }

    result::case_outcome summary(double seconds) const {
        result::case_outcome c;
        c.suite = "explore";
        char text[160];
        std::snprintf(text, sizeof text, "%llu sequences (%llu steps) against the profile model in %.1f s",
                      static_cast<unsigned long long>(out_.sequences),
                      static_cast<unsigned long long>(out_.steps), seconds);
        c.name = text;
        c.description = "seed " + std::to_string(plan_.seed) + "; " +
                        std::to_string(out_.transitions.size()) + " of the model's transitions exercised";
        for (const std::string& t : out_.transitions) {
            c.covers.push_back("sequence: " + t);
        }
        const bool failures = out_.cases.size() > 0;
        c.checks.push_back(checks::make_outcome("sequences", out_.sequences > 0 && !failures,
                                                failures ? "a sequence broke the model (above)"
                                                         : std::to_string(out_.sequences) + " sequences held",
                                                "every step as the model predicts",
                                                failures ? "a failing sequence" : "all held",
                                                std::string(checks::rules::sequence_model)));
        c.duration_ms = seconds * 1000;
        c.status = result::judge(c);
        return c;
    }

    const explore_plan& plan_;
    hs::run_context& context_;
    hs::suite suite_;
    explore_outcome out_;
};

} // namespace

explore_outcome run_explore(const explore_plan& plan, hs::run_context& context) {
    return exploration(plan, context).run();
}

explore_capabilities capabilities_of(const target::target_spec& target, const contract::profile& profile) {
    explore_capabilities can;
    can.second_caller = !target.second_token.empty();
    can.second_conversation = !target.conversation_2.empty();
    can.company_field = !profile.company_pointer.empty();
    can.callers_company = !target.company.empty();
    can.max_body_bytes = profile.max_body_bytes;
    return can;
}

} // namespace harness::explore
