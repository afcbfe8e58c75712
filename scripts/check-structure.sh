#!/usr/bin/env bash
# The house rules a newcomer relies on, checked (ctest runs it as cli.structure, CI runs it in .ci/run):
#   sizes        functions <= 80 lines, files <= 450, but for the commented allowlist (scripts/structure/)
#   graph        docs/architecture.md's module graph equals the one the CMake targets draw, and every
#                #include of a project header names a module its module links
#   exit codes   exit_ok & co. only in the one mapping from a verdict (harness/result/run_verdict.cpp)
#   rule text    the wording of a contract or profile rule only in harness/checks/rules.{hpp,cpp}
#   file writes  std::ofstream only in harness/json/output_file.cpp (every file is written through it)
#   JSON reads   documents (results, target files, scenarios, HAR, fixtures) only through harness/json: parsing
#                and file reading elsewhere only in the HTTP body parsers listed below
# Exit 1 naming each place that breaks a rule; `--root DIR` checks another tree (the tests' broken copies).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = "--root" ]; then
    root="$(cd "$2" && pwd)"
fi
cd "$root" || exit 2
sources=(harness mock_server reports)
failed=0
problem() { printf 'structure: %s\n' "$*"; failed=1; }

# Lines matching PATTERN in the sources, minus the files given (paths relative to the root).
offenders() { # PATTERN ALLOWED-FILE...
    local pattern="$1"
    shift
    grep -rnE --include='*.cpp' --include='*.hpp' "$pattern" "${sources[@]}" | while IFS= read -r hit; do
        local file="${hit%%:*}" allowed=0
        for ok in "$@"; do [ "$file" = "$ok" ] && allowed=1; done
        [ "$allowed" = 1 ] || printf '%s\n' "$hit"
    done
}

# Each line on stdin is a problem. Called as `report WHAT < <(…)`, so that it runs in this shell and `failed`
# sticks (a pipeline's last command runs in a subshell).
report() { # WHAT
    local what="$1" hit
    while IFS= read -r hit; do problem "$what: $hit"; done
}

# A checker script: its lines are problems only when it fails.
checker() { # WHAT COMMAND…
    local what="$1" out
    shift
    if ! out="$("$@" 2>&1)"; then
        report "$what" <<< "$out"
        failed=1
    fi
}

checker "size" python3 scripts/structure/sizes.py --root "$root"
checker "graph" python3 scripts/structure/module_graph.py --check docs/architecture.md

report "an exit code outside the verdict's mapping" < <(offenders \
    '\bexit_(ok|check_failed|usage|interrupted)\b|std::exit\(|[^_a-z]exit\([0-9]' harness/result/run_verdict.cpp)

# A rule's wording: the profile's rules, RFC sections, the contract's responses.
report "rule text outside harness/checks/rules" < <(offenders \
    '"(profile (rule|rules|slo|success)|RFC [0-9]|contract: responses)' harness/checks/rules.hpp harness/checks/rules.cpp |
    grep -vE '^[^:]+:[0-9]+:.*//.*"(profile|RFC|contract: responses)')

report "a file written outside harness/json/output_file" < <(offenders 'std::ofstream|std::fstream|fopen\(' \
    harness/json/output_file.cpp)

# HTTP message bodies are parsed where they are judged; documents are read only through harness/json.
body_parsers=(harness/checks/parsed_reply.cpp harness/checks/http_store_oracle.cpp
    harness/repro/request_expectation.cpp harness/repro/secret_redactor.cpp harness/repro/verdict_wording.cpp
    mock_server/request_handler.cpp mock_server/admin_handler.cpp mock_server/sequence_drifts.cpp)
report "a document read outside harness/json's reader" < <(offenders \
    'boost::json::parse\(|boost::json::stream_parser|YAML::Load|std::ifstream' "${body_parsers[@]}" | grep -v '^harness/json/')

if [ "$failed" = 0 ]; then
    echo "structure: ok (sizes, module graph, exit codes, rule text, file writes, JSON reads)"
fi
exit "$failed"
