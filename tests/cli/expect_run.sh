#!/usr/bin/env bash
# expect_run.sh EXIT_CODE PATTERN -- COMMAND ARGS...
# Runs COMMAND (bounded to 60 s), and fails unless it exits with EXIT_CODE and its output (stdout and stderr)
# matches the extended regular expression PATTERN.
set -u
expected_code="$1"
pattern="$2"
shift 3
output="$(timeout 60 "$@" 2>&1)"
code=$?
printf '%s\n' "$output"
if [ "$code" != "$expected_code" ]; then
    printf 'FAIL: exit code %s, expected %s\n' "$code" "$expected_code"
    exit 1
fi
if ! printf '%s\n' "$output" | grep -Eq -- "$pattern"; then
    printf 'FAIL: output does not match /%s/\n' "$pattern"
    exit 1
fi
