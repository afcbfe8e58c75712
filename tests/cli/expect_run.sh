#!/usr/bin/env bash
# expect_run.sh EXIT_CODE PATTERN... -- COMMAND ARGS...
# Runs COMMAND (bounded to 60 s), and fails unless it exits with EXIT_CODE and, for every PATTERN (an extended
# regular expression, matched line by line against stdout and stderr together), some line of its output matches.
set -u
expected_code="$1"
shift
patterns=()
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
    # grep -E would take each line of a multi-line pattern as a pattern of its own, matching far too much.
    case "$1" in *$'\n'*) printf 'FAIL: a pattern must be one line: /%s/\n' "$1"; exit 2 ;; esac
    patterns+=("$1")
    shift
done
if [ "$#" -lt 2 ] || [ "${#patterns[@]}" = 0 ]; then
    echo "usage: expect_run.sh EXIT_CODE PATTERN... -- COMMAND ARGS..."
    exit 2
fi
shift
output="$(timeout 60 "$@" 2>&1)"
code=$?
printf '%s\n' "$output"
if [ "$code" != "$expected_code" ]; then
    printf 'FAIL: exit code %s, expected %s\n' "$code" "$expected_code"
    exit 1
fi
failed=0
for pattern in "${patterns[@]}"; do
    if ! printf '%s\n' "$output" | grep -Eq -- "$pattern"; then
        printf 'FAIL: no line of the output matches /%s/\n' "$pattern"
        failed=1
    fi
done
exit "$failed"
