#pragma once
// The one verdict of a run, whatever the subcommand: it passed, it failed (the target broke something), it
// could not test the target (and why), or it was interrupted. Every exit code of the binary comes from this
// value through `exit_code_of`, and every writer writes it, so the JSON's verdict and the exit code never
// disagree.

#include <optional>
#include <string>
#include <string_view>

namespace harness::result {

enum class verdict_kind { passed, failed, not_tested, interrupted };

// "passed", "failed", "not tested", "interrupted": the words of every output.
std::string_view to_string(verdict_kind kind);
std::optional<verdict_kind> parse_verdict_kind(std::string_view text);

struct run_verdict {
    // A result that nobody judged says so: it is never a pass by default.
    verdict_kind kind = verdict_kind::not_tested;
    // failed: what broke, in one sentence; not tested and interrupted: why; passed: usually empty.
    std::string reason = "not judged";

    static run_verdict pass(std::string reason = {});
    static run_verdict fail(std::string reason);
    static run_verdict untested(std::string reason);
    static run_verdict interrupt(std::string reason);

    bool passed() const noexcept { return kind == verdict_kind::passed; }
    bool operator==(const run_verdict&) const = default;
};

// The exit code of the binary for a verdict: 0 passed, 1 failed, 2 not tested (bad input, setup, a target
// that could not be reached or answered nothing), 130 interrupted (128 + SIGINT). The only place that knows
// the numbers.
int exit_code_of(const run_verdict& verdict);

} // namespace harness::result
