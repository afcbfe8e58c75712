#!/usr/bin/env bash
# The README's example scenario file must load and pass against the built-in mock, as written.
set -euo pipefail
bin="$1"
readme="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
awk '/A scenario file \(every key/ {found=1} found && /^```yaml$/ {inside=1; next} inside && /^```$/ {exit} inside {print}' \
    "$readme" > "$work/example.yaml"
grep -q '^suite: ' "$work/example.yaml" || { echo "FAIL: no example scenario found in the README"; exit 1; }
"$bin" verify --suite conformance --scenario "$work/example.yaml" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
grep -q "ok    a resend replays the first message" "$work/out" || { cat "$work/out"; exit 1; }
echo "README scenario example: passes as written"
