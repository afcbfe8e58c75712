#!/usr/bin/env bash
# scripts/check-structure.sh passes on this tree and fails, naming the place, on a copy broken in each way it
# guards: a long function, a module graph that differs from the targets, an include no link allows, an exit
# code outside the verdict's mapping, rule text outside harness/checks/rules, a file written with an ofstream,
# and a document parsed outside harness/json.
set -uo pipefail
root="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$root/scripts/check-structure.sh" > "$work/clean.txt" 2>&1 || fail "this tree breaks a rule: $(cat "$work/clean.txt")"

# A fresh copy of what the script reads, broken once per case by CHANGE (a shell command run in the copy).
broken() { # NAME EXPECTED-REGEX CHANGE
    local name="$1" expected="$2" change="$3" copy="$work/$1"
    mkdir -p "$copy"
    (cd "$root" && tar cf - harness mock_server reports docs/architecture.md scripts) | (cd "$copy" && tar xf -)
    (cd "$copy" && eval "$change") || fail "$name: the change did not apply"
    local code=0
    "$copy/scripts/check-structure.sh" --root "$copy" > "$work/$name.txt" 2>&1 || code=$?
    [ "$code" = 1 ] || fail "$name: exit $code, expected 1: $(cat "$work/$name.txt")"
    grep -qE "$expected" "$work/$name.txt" || fail "$name: not named /$expected/: $(cat "$work/$name.txt")"
    echo "ok: $name: $(grep -E "$expected" "$work/$name.txt" | head -1)"
}

long_function='int too_long() {
'"$(for i in $(seq 1 85); do echo "    int v$i = $i;"; done)"'
    return 0;
}'
broken size 'size: harness/json/pointer.cpp:[0-9]+: function too_long is 8[0-9] lines' \
    "printf '%s\n' '$long_function' >> harness/json/pointer.cpp"
broken graph 'graph: module graph: docs/architecture.md differs' \
    "sed -i 's/^    1  harness\\/contract  json\$/    1  harness\\/contract  json, http/' docs/architecture.md"
broken include 'includes harness/load, but harness_checks does not link harness_load' \
    "sed -i '1i #include \"harness/load/load_plan.hpp\"' harness/checks/rules.cpp"
broken exit-code 'an exit code outside the verdict.s mapping: harness/cli/main.cpp' \
    "sed -i 's/return harness::result::exit_code_of(verdict);/return verdict.passed() ? 0 : exit(1), 1;/' harness/cli/main.cpp"
broken rule-text 'rule text outside harness/checks/rules: harness/checks/profile_checks.cpp' \
    "printf '%s\n' 'const char* copied = \"profile rule 6 (idempotency): a copy\";' >> harness/checks/profile_checks.cpp"
broken ofstream 'a file written outside harness/json/output_file: reports/junit_writer.cpp' \
    "printf '%s\n' '#include <fstream>' 'void stray() { std::ofstream out(\"x\"); }' >> reports/junit_writer.cpp"
broken json-read "a document read outside harness/json's reader: harness/target/target_spec.cpp" \
    "printf '%s\n' 'auto stray = boost::json::parse(\"{}\");' >> harness/target/target_spec.cpp"
echo "check-structure: passes on this tree, fails on each broken copy"
