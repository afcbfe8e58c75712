#include "explorer.hpp"

#include "examples_file.hpp"
#include "harness/checks/rules.hpp"
#include "harness/json/output_file.hpp"
#include "scenario_yaml.hpp"
#include "sequence_case.hpp"
#include "shrinker.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
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

// What came back to one exchange, in a few words: the status and the message id or error code.
std::string reply_words(const http::exchange& e) {
    if (e.outcome != http::outcome_kind::ok) {
        return std::string(http::to_string(e.outcome));
    }
    const checks::parsed_reply reply(e, 0);
    const boost::json::value* id = reply.at("/data/messageUuid");
    const boost::json::value* code = reply.at("/error/code");
    const boost::json::value* shown = id != nullptr ? id : code;
    return std::to_string(e.response.status) +
           (shown != nullptr && shown->is_string() ? " " + std::string(shown->as_string()) : "");
}

// The failing sequence as a numbered list: each step, what the model expected, each request and its reply.
std::string numbered_steps(const sequence& s, const std::vector<std::string>& transitions,
                           const std::vector<http::exchange>& exchanges) {
    constexpr std::size_t shown_body = 160;
    std::string text;
    std::size_t next = 0;
    for (std::size_t i = 0; i < s.ops.size(); ++i) {
        const op& o = s.ops[i];
        text += std::to_string(i + 1) + ". " + describe(o, s) + "\n   expected: " + transitions[i] + "\n";
        std::string replies;
        for (int copy = 0; copy < std::max(1, o.copies) && next < exchanges.size(); ++copy, ++next) {
            if (copy == 0) {
                const std::string& body = exchanges[next].request.body;
                text += "   request:  " + exchanges[next].request.method + " " +
                        exchanges[next].request.target + " " +
                        (body.size() > shown_body ? body.substr(0, shown_body) + "…" : body) + "\n";
            }
            replies += (copy == 0 ? "" : "; ") + reply_words(exchanges[next]);
        }
        text += "   got:      " + (replies.empty() ? std::string("(not sent: the case stopped)") : replies) +
                "\n";
    }
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
        // The tour first, then random sequences until the budget is spent or one fails (a new failure ends
        // the exploring, as in Hypothesis: it is shrunk and reported).
        const sequence tour = tour_sequence(plan_.can);
        bool found = failed(tour);
        if (found) {
            kept.push_back(report_failure(tour, "the tour of every transition"));
        }
        for (std::uint64_t i = 0; !found; ++i) {
            if (std::chrono::duration<double>(clock_type::now() - started).count() >= plan_.budget_seconds ||
                !context_.not_answering.empty() ||
                (plan_.interrupted != nullptr && plan_.interrupted->load())) {
                break;
            }
            const std::uint64_t seed = mix(plan_.seed + i);
            const sequence s = generate_sequence(seed, plan_.can);
            found = failed(s);
            if (found) {
                kept.push_back(
                    report_failure(s, "sequence " + hex(seed) + " of seed " + std::to_string(plan_.seed)));
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
        for (const checks::check_outcome& check : outcome.checks) {
            auto& tally = checks_seen_[check.check];
            tally.first += check.status == checks::check_status::passed ? 1 : 0;
            if (tally.second.empty()) {
                tally.second = check.rule;
            }
        }
        ++out_.sequences;
        out_.steps += s.ops.size();
        out_.transitions.insert(c.transitions.begin(), c.transitions.end());
        for (const op& o : s.ops) {
            out_.transitions.insert("step: " + std::string(to_string(o.kind)));
        }
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
        outcome.note = numbered_steps(shrunk.smallest, c.transitions, outcome.exchanges);
        outcome.description += std::to_string(shrunk.attempts) + " shrink candidate(s) run";
        if (concurrent(shrunk.smallest)) {
            const int runs = runs_of_a_concurrent_candidate * 2;
            outcome.note +=
                (fails_of_runs < runs ? "timing-dependent: it failed " : "concurrent steps: it failed ") +
                std::to_string(fails_of_runs) + " of " + std::to_string(runs) + " runs\n";
        }
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
        const std::string where =
            problem ? *problem
                    : "scenario: " + file.string() + " (fails verify --scenario while the bug is there)";
        outcome.description += "\n" + where;
        outcome.note += where;
    }

    result::case_outcome summary(double seconds) const {
        result::case_outcome c;
        c.suite = "explore";
        char text[160];
        std::snprintf(text, sizeof text, "%llu sequences (%llu steps) against the profile model in %.1f s",
                      static_cast<unsigned long long>(out_.sequences),
                      static_cast<unsigned long long>(out_.steps), seconds);
        c.name = text;
        c.description =
            "seed " + std::to_string(plan_.seed) + "; " +
            std::to_string(std::count_if(out_.transitions.begin(), out_.transitions.end(),
                                         [](const std::string& t) { return !t.starts_with("step: "); })) +
            " of the model's transitions exercised";
        for (const std::string& t : out_.transitions) {
            c.covers.push_back(t.starts_with("step: ") ? "sequence " + t : "sequence: " + t);
        }
        const bool failures = out_.cases.size() > 0;
        c.checks.push_back(checks::make_outcome("sequences", out_.sequences > 0 && !failures,
                                                failures ? "a sequence broke the model (above)"
                                                         : std::to_string(out_.sequences) + " sequences held",
                                                "every step as the model predicts",
                                                failures ? "a failing sequence" : "all held",
                                                std::string(checks::rules::sequence_model)));
        // Each check the steps made, once, with how often it held: the coverage table credits the rules the
        // sequences exercised, without thousands of outcomes in the result.
        for (const auto& [name, tally] : checks_seen_) {
            if (tally.first == 0) {
                continue; // only ever failed, or skipped: the failing sequence's own case shows it
            }
            c.checks.push_back({name, checks::check_status::passed,
                                name + " held " + std::to_string(tally.first) + " time(s) over the sequences",
                                "", "", tally.second, -1});
        }
        c.duration_ms = seconds * 1000;
        c.status = result::judge(c);
        return c;
    }

    const explore_plan& plan_;
    hs::run_context& context_;
    hs::suite suite_;
    explore_outcome out_;
    std::map<std::string, std::pair<std::uint64_t, std::string>> checks_seen_; // check -> (held, its rule)
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
