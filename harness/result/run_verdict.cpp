#include "run_verdict.hpp"

#include <array>
#include <utility>

namespace harness::result {

namespace {

// The numbers of the README's exit-code table, known here only.
enum exit_number : int {
    exit_ok = 0,
    exit_check_failed = 1,
    exit_usage = 2,
    exit_interrupted = 130,
};

constexpr std::array<std::pair<verdict_kind, std::string_view>, 4> kind_words = {{
    {verdict_kind::passed, "passed"},
    {verdict_kind::failed, "failed"},
    {verdict_kind::not_tested, "not tested"},
    {verdict_kind::interrupted, "interrupted"},
}};

} // namespace

std::string_view to_string(verdict_kind kind) {
    for (const auto& [k, words] : kind_words) {
        if (k == kind) {
            return words;
        }
    }
    return "not tested";
}

std::optional<verdict_kind> parse_verdict_kind(std::string_view text) {
    for (const auto& [k, words] : kind_words) {
        if (words == text) {
            return k;
        }
    }
    return std::nullopt;
}

run_verdict run_verdict::pass(std::string reason) {
    return {verdict_kind::passed, std::move(reason)};
}

run_verdict run_verdict::fail(std::string reason) {
    return {verdict_kind::failed, std::move(reason)};
}

run_verdict run_verdict::untested(std::string reason) {
    return {verdict_kind::not_tested, std::move(reason)};
}

run_verdict run_verdict::interrupt(std::string reason) {
    return {verdict_kind::interrupted, std::move(reason)};
}

int exit_code_of(const run_verdict& verdict) {
    switch (verdict.kind) {
    case verdict_kind::passed:
        return exit_ok;
    case verdict_kind::failed:
        return exit_check_failed;
    case verdict_kind::interrupted:
        return exit_interrupted;
    case verdict_kind::not_tested:
        break;
    }
    return exit_usage;
}

} // namespace harness::result
