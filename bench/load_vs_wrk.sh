#!/usr/bin/env bash
# harness load against wrk, both driving the same nginx (a reply of the mock's shape, a fresh messageUuid each,
# pinned to CPU 0): each client pinned to CPU 1, 1 thread, 50 connections, closed loop, DURATION s, RUNS alternating runs (default 3,
# 10 s). Prints req/s for each, the medians, the ratio, and client CPU seconds per 100 000 requests (user +
# system, from the shell's `time`). harness load runs twice per round: without validation, and validating
# every reply against the contract; and a third time with a mix of every request kind (`--mix all`, no
# validation: the cost of drawing a kind, its own request and oracle and per-kind histogram, against plain valid
# sends; nginx answers 200 to every kind, so the kinds' oracles fail and the exit is ignored). wrk sends a static
# body (its fastest path); harness load patches a fresh idempotencyKey into every request. Loopback only; every
# process it starts is stopped by PID.
#   bench/load_vs_wrk.sh [RUNS] [DURATION_SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
duration="${2:-10}"
work="$(mktemp -d)"
source "$root/bench/peers.sh"
trap stop_peers EXIT
install_peers wrk nginx
project=7f3c1a2e-0b4d-4c8e-9a1f-2d3e4f5a6b7c
conversation=5b2e8f10-6c3d-4a9e-b1f2-3c4d5e6f7a8b
export BENCH_TOKEN=bench-token
start_nginx 1 0
url="http://127.0.0.1:$port"

TIMEFORMAT='%U %S'
# Each run prints "REQUESTS REQ_PER_SEC CPU_SECONDS".
run_wrk() {
    local out cpu
    { time taskset -c 1 wrk -t1 -c50 -d"${duration}s" -s "$root/bench/static_post.lua" \
        "$url/v1/projects/$project/livechat/conversations/$conversation/messages/operator" > "$work/wrk.out"; } \
        2> "$work/time"
    out="$(cat "$work/wrk.out")"
    cpu="$(tail -n 1 "$work/time" | awk '{print $1 + $2}')"
    printf '%s %s %s\n' "$(printf '%s\n' "$out" | awk '/requests in/ {print $1}')" \
        "$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}')" "$cpu"
}
run_harness() { # validate-sample [more flags]
    local cpu sample="$1"
    shift
    { time taskset -c 1 "$harness" load --target "$url" --project "$project" --conversation "$conversation" \
        --token-env BENCH_TOKEN --connections 50 --threads 1 --duration "${duration}s" --validate-sample "$sample" \
        --no-progress --json "$work/h.json" "$@" > /dev/null 2>&1 || true; } 2> "$work/time"
    cpu="$(tail -n 1 "$work/time" | awk '{print $1 + $2}')"
    python3 -c "import json; r=json.load(open('$work/h.json')); print(r['accounting']['fates']['answered'], r['achievedRate'], '$cpu')"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "harness load vs wrk, both against nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///') pinned to CPU 0"
echo "clients pinned to CPU 1: 1 thread, 50 connections, closed loop, ${duration}s, $runs alternating runs"
printf '%-4s %-26s %12s %14s\n' run client "req/s" "CPU s/100k req"
for name in wrk plain validating mixed; do : > "$work/$name.rps"; : > "$work/$name.cpu"; done
for run in $(seq 1 "$runs"); do
    for name in wrk plain validating mixed; do
        case "$name" in
            wrk) read -r n rps cpu < <(run_wrk) ;;
            plain) read -r n rps cpu < <(run_harness 0) ;;
            validating) read -r n rps cpu < <(run_harness 1) ;;
            mixed) read -r n rps cpu < <(run_harness 0 --mix all) ;;
        esac
        per100k="$(awk -v c="$cpu" -v n="$n" 'BEGIN {printf "%.3f", c / n * 100000}')"
        label="$name"; [ "$name" != wrk ] && label="harness load ($name)"
        printf '%-4s %-26s %12.0f %14s\n' "$run" "$label" "$rps" "$per100k"
        echo "$rps" >> "$work/$name.rps"
        echo "$per100k" >> "$work/$name.cpu"
    done
done
wrk_rps="$(median < "$work/wrk.rps")"; wrk_cpu="$(median < "$work/wrk.cpu")"
for name in plain validating mixed; do
    rps="$(median < "$work/$name.rps")"; cpu="$(median < "$work/$name.cpu")"
    printf 'median harness load (%s): %.0f req/s = %.2fx wrk (%.0f); CPU %.3f s/100k = %.2fx wrk (%.3f)\n' \
        "$name" "$rps" "$(awk -v a="$rps" -v b="$wrk_rps" 'BEGIN {print a / b}')" "$wrk_rps" \
        "$cpu" "$(awk -v a="$cpu" -v b="$wrk_cpu" 'BEGIN {print a / b}')" "$wrk_cpu"
done
plain_cpu="$(median < "$work/plain.cpu")"; mixed_cpu="$(median < "$work/mixed.cpu")"
printf 'mix of every kind vs plain valid sends: CPU per request %.2fx (goal: at most 1.2x)\n' \
    "$(awk -v a="$mixed_cpu" -v b="$plain_cpu" 'BEGIN {print a / b}')"
# The same ratios within each run (the runs of one client pair follow each other within seconds, so the
# machine's drift over the whole bench cancels out), and their median.
paired() { paste "$work/$1.cpu" "$work/plain.cpu" | awk '{printf "%.3f\n", $1 / $2}'; }
for name in validating mixed; do
    printf '%s vs plain, CPU per request: %.2fx as medians; within each run %s, their median %.2fx\n' "$name" \
        "$(awk -v a="$(median < "$work/$name.cpu")" -v b="$plain_cpu" 'BEGIN {print a / b}')" \
        "$(paired "$name" | tr '\n' ' ' | sed 's/ $//')" "$(paired "$name" | median)"
done
