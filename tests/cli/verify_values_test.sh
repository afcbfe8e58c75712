#!/usr/bin/env bash
# verify's values suite (issue 26 point 2), without false alarms: the correct and the liberal mock pass every suite
# with several seeds in a row; the seed is printed in the console header and kept in the JSON result; the same seed
# and run id send the same bodies, another seed other sampled values; a bad --seed is exit 2 naming it. The drifts
# the suite catches are rows of verify_drift_test.sh. Nothing here bounds time.
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail

# 1. Several seeds in a row, on the correct and the liberal mock: every suite passes, the seed is shown and kept.
for fault in "" liberal; do
    for seed in 11 12 13; do
        name="${fault:-correct}-$seed"
        timeout 120 "$bin" verify ${fault:+--mock-fault "$fault"} --seed "$seed" --json "$work/$name.json" \
            > "$work/$name.txt" 2>&1 ||
            fail "verify on the ${fault:-correct} mock with --seed $seed: $(grep -E '^  FAIL|^ +[a-z_:/]+: ' "$work/$name.txt" | head -n 8) $(tail -n 2 "$work/$name.txt")"
        grep -qE "^  seed +$seed " "$work/$name.txt" || fail "$name: the console header does not show the seed"
        grep -qE '^  ok +text: astral plane$' "$work/$name.txt" || fail "$name: the values suite did not run"
        python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1])).get("valuesSeed") != sys.argv[2])' \
            "$work/$name.json" "$seed" || fail "$name: the JSON result does not keep valuesSeed $seed"
    done
    echo "ok the ${fault:-correct} mock passes every suite with seeds 11, 12 and 13"
done

# 2. One seed (and run id) gives one run's bodies; another seed other sampled values.
sampled() { # SEED: the bodies of the values suite's seeded-sample cases, one a line
    timeout 120 "$bin" verify --suite values --seed "$1" --run-id 00000000000000aa --json "$work/sample-$1.json" \
        > /dev/null 2>&1 || fail "verify --suite values --seed $1 failed"
    python3 - "$work/sample-$1.json" <<'PY'
import json, sys
for case in json.load(open(sys.argv[1]))["cases"]:
    if case["name"].endswith("seeded sample"):
        for exchange in case["exchanges"]:
            print(exchange["request"]["body"])
PY
}
first="$(sampled 5)"
[ "$(wc -l <<<"$first")" = 9 ] || fail "expected 9 sampled bodies (3 fields x 3), got: $first"
[ "$first" = "$(sampled 5)" ] || fail "--seed 5 twice sent other bodies"
[ "$first" != "$(sampled 6)" ] || fail "--seed 6 sent the same bodies as --seed 5"
echo "ok one seed sends the same values, another seed others"

# 3. A bad seed is a usage error; a run without the values suite shows no seed.
out="$(timeout 60 "$bin" verify --seed 12x 2>&1)"
code=$?
[ "$code" = 2 ] && grep -q -- "--seed: '12x' is not a whole number" <<<"$out" || fail "--seed 12x: exit $code, $out"
out="$(timeout 60 "$bin" verify --suite auth 2>&1)" || fail "verify --suite auth: $out"
! grep -qE '^  seed ' <<<"$out" || fail "a run without the values suite shows a seed"
echo "ok a bad --seed is exit 2 naming it; no seed without the values suite"
