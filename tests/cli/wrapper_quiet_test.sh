#!/usr/bin/env bash
# wrapper_quiet_test.sh SOURCE_DIR BIN
# `./harness.sh SUBCOMMAND` (issue 17, row 13): when the build is up to date, only the subcommand's own output
# appears (no "building…", no "ninja: no work to do"), and the wrapper's exit code is the subcommand's. Runs only
# when BIN is the binary of a preset's build folder in SOURCE_DIR (the wrapper builds that one); skipped otherwise.
set -uo pipefail
source_dir="$1"
bin="$2"
preset="$(basename "$(dirname "$(dirname "$(dirname "$bin")")")")"
if [ "$(realpath "$source_dir/build/$preset/harness/cli/harness" 2>/dev/null)" != "$(realpath "$bin")" ]; then
    echo "skipped: $bin is not the binary of a preset's build folder under $source_dir"
    exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A first call brings the build up to date (sources may have changed since ctest's build); the second is judged.
HARNESS_PRESET="$preset" timeout 600 "$source_dir/harness.sh" contract show > /dev/null 2>&1
HARNESS_PRESET="$preset" timeout 300 "$source_dir/harness.sh" contract show > "$work/out" 2> "$work/err"
code=$?
[ "$code" = 0 ] || { echo "FAIL: ./harness.sh contract show exited $code: $(cat "$work/err")"; exit 1; }
head -n 1 "$work/out" | grep -q '^CDP gateway' || { echo "FAIL: not the contract first: $(head -n 3 "$work/out")"; exit 1; }
[ ! -s "$work/err" ] || { echo "FAIL: an up-to-date build still printed: $(cat "$work/err")"; exit 1; }
HARNESS_PRESET="$preset" timeout 300 "$source_dir/harness.sh" contract check /no/such/file.yaml > /dev/null 2>&1
code=$?
[ "$code" = 2 ] || { echo "FAIL: the wrapper did not pass on the subcommand's exit 2 (got $code)"; exit 1; }
echo "./harness.sh SUBCOMMAND: silent when up to date, the subcommand's exit code kept"
