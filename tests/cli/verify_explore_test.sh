#!/usr/bin/env bash
# verify's explore suite (issue 27): no false alarm on the correct and the liberal mock over 20 seeds in a row;
# against a drift that only a sequence shows, exit 1 with the shrunk sequence as a numbered list, a scenario file
# that fails verify while the drift is there (and passes without it), and an examples file the next run replays
# first and empties once it passes; a broken examples file is bad input (exit 2, file and JSON pointer). Nothing
# here bounds time: --explore-time only shortens the budget.
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail

explore() { timeout 120 "$bin" verify --suite explore --explore-time 0.3 "$@"; }

# 1. Twenty seeds in a row on the correct and the liberal mock: every sequence holds.
for fault in "" liberal; do
    for seed in $(seq 101 120); do
        explore ${fault:+--mock-fault "$fault"} --seed "$seed" --examples "" > "$work/clean.txt" 2>&1 ||
            fail "explore on the ${fault:-correct} mock, seed $seed: $(grep -A12 '^  FAIL' "$work/clean.txt" | head -n 30)"
    done
    grep -qE '^  ok +[0-9]+ sequences \([0-9]+ steps\) against the profile model' "$work/clean.txt" ||
        fail "no summary of the sequences: $(cat "$work/clean.txt")"
    echo "ok the ${fault:-correct} mock holds the model with 20 seeds in a row"
done

# 2. A drift only a sequence shows: a refused request that reserves its key.
explore --mock-fault drift=refusal_reserves_key --seed 7 --examples "$work/ex/examples.json" > "$work/found.txt" 2>&1
code=$?
[ "$code" = 1 ] || fail "explore against refusal_reserves_key: exit $code, expected 1: $(tail -n 20 "$work/found.txt")"
grep -qE '^  FAIL  a sequence of [0-9]+ step\(s\) breaks the model' "$work/found.txt" &&
    grep -qE '^        1\. refused, key [0-9]+' "$work/found.txt" && grep -qE '^           got: +400' "$work/found.txt" &&
    grep -qE '^           got: +422' "$work/found.txt" ||
    fail "no numbered sequence (a refusal, then 422 for the key's valid send): $(sed -n '/^explore/,/^coverage/p' "$work/found.txt")"
scenario="$(sed -n 's/^ *scenario: \([^ ]*\) .*/\1/p' "$work/found.txt" | head -n 1)"
[ -f "$scenario" ] || fail "no scenario file named: $(grep -n scenario "$work/found.txt")"
python3 -c 'import json, sys; sys.exit(len(json.load(open(sys.argv[1]))["examples"]) != 1)' "$work/ex/examples.json" ||
    fail "the examples file does not keep the one failing sequence: $(cat "$work/ex/examples.json")"
echo "ok refusal_reserves_key: a shrunk sequence, $(grep -cE '^        [0-9]+\. ' "$work/found.txt") step(s), kept and written as $scenario"

# 3. The scenario file fails verify while the drift is there, and passes without it.
timeout 120 "$bin" verify --suite none --scenario "$scenario" --mock-fault drift=refusal_reserves_key > "$work/s1.txt" 2>&1
[ $? = 1 ] || fail "the scenario file does not fail against the drift: $(tail -n 10 "$work/s1.txt")"
timeout 120 "$bin" verify --suite none --scenario "$scenario" > "$work/s2.txt" 2>&1 ||
    fail "the scenario file fails against the correct mock: $(grep -A8 FAIL "$work/s2.txt" | head -n 20)"
echo "ok the scenario file fails verify with the drift and passes without it"

# 4. The next run replays the example first; once it passes, it is dropped.
explore --mock-fault drift=refusal_reserves_key --seed 8 --examples "$work/ex/examples.json" > "$work/again.txt" 2>&1
[ $? = 1 ] && grep -q "an example kept from an earlier run" "$work/again.txt" ||
    fail "the kept example was not replayed first: $(sed -n '/^explore/,/^coverage/p' "$work/again.txt" | head -n 20)"
explore --seed 9 --examples "$work/ex/examples.json" > "$work/fixed.txt" 2>&1 ||
    fail "the correct mock failed the kept example: $(tail -n 20 "$work/fixed.txt")"
python3 -c 'import json, sys; sys.exit(len(json.load(open(sys.argv[1]))["examples"]) != 0)' "$work/ex/examples.json" ||
    fail "an example that passes was kept: $(cat "$work/ex/examples.json")"
echo "ok the kept example is replayed first, and dropped once it passes"

# 5. The same seed and run id replay the run: against a drift the random sequences find (keys compared on a
#    64-byte prefix), two runs find, shrink and write the same sequence.
for n in 1 2; do
    timeout 120 "$bin" verify --suite explore --mock-fault drift=key_prefix_64 --seed 1 --run-id 00000000000000ab --explore-time 60 \
        --examples "$work/same$n/examples.json" > "$work/same$n.txt" 2>&1
    [ $? = 1 ] || fail "run $n against key_prefix_64 did not fail: $(tail -n 5 "$work/same$n.txt")"
done
cmp -s "$work"/same1/explore-*.yaml "$work"/same2/explore-*.yaml ||
    fail "the same seed and run id wrote different sequences: $(diff "$work"/same1/explore-*.yaml "$work"/same2/explore-*.yaml | head -n 20)"
echo "ok the same seed and run id find and shrink the same sequence"

# 6. A broken examples file is bad input: exit 2 naming the file and the JSON pointer.
printf '{"format": 1, "examples": [{"keys": [], "payloads": [], "ops": [{"kind": "jump"}]}]}\n' > "$work/bad.json"
explore --examples "$work/bad.json" > "$work/bad.txt" 2>&1
code=$?
[ "$code" = 2 ] && grep -q "bad.json" "$work/bad.txt" && grep -q "/examples/0/ops/0" "$work/bad.txt" ||
    fail "a broken examples file: exit $code: $(cat "$work/bad.txt")"
echo "ok a broken examples file is exit 2 naming file and pointer"
