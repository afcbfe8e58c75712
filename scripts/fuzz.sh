#!/usr/bin/env bash
# scripts/fuzz.sh SECONDS [TARGET…]: builds the libFuzzer targets (the `fuzz` preset: clang-14 with ASan and
# UBSan) and runs each for SECONDS on one core, starting from its seed corpus in tests/fuzz/corpus/TARGET (new
# inputs go to build/fuzz/corpus/TARGET, not into the repository). Prints executions and coverage per target and
# exits 1 when a target crashes; the crashing input is left in build/fuzz/crashes/TARGET/ — add it to
# tests/fuzz/regressions/TARGET/ with the fix, and ctest replays it in every build from then on.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true
build="$root/build/fuzz"
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" --preset fuzz > /dev/null
fi
cmake --build "$build" --target fuzz_targets
targets=("$@")
if [ ${#targets[@]} = 0 ]; then
    targets=($(ls "$root/tests/fuzz/corpus"))
fi
status=0
printf '%-24s %10s %8s %8s %s\n' target executions exec/s cov result
for target in "${targets[@]}"; do
    corpus="$build/corpus/$target"
    crashes="$build/crashes/$target"
    mkdir -p "$corpus" "$crashes"
    log="$build/fuzz-$target.log"
    set +e
    # Leaks are reported by the ASan job of the test suite; here they would stop the run at the first one found
    # in a library's static state.
    ASAN_OPTIONS=detect_leaks=0 "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "$root/tests/fuzz/corpus/$target" > "$log" 2>&1
    code=$?
    set -e
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
    cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')"
    result=clean
    if [ "$code" != 0 ]; then
        result="CRASH (exit $code): see $log and $crashes"
        status=1
    fi
    printf '%-24s %10s %8s %8s %s\n' "$target" "${runs:-?}" "${rate:-?}" "${cov:-?}" "$result"
done
exit "$status"
