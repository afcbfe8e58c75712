#!/usr/bin/env bash
# How far one machine goes, and what sharding costs (docs/scaling.md). Loopback only; nginx (a reply of the mock's shape, one
# worker pinned to CPU 0) is the target, so the generator is what is measured; every process is stopped by PID.
#   1. Rate ladder: harness load open loop on CPU 1 (1 thread, 64 connections) at rising rates, 5 s each; the
#      highest rate held (achieved >= 99% of requested, < 0.1% too late, p99 under BOUND_MS) against nginx's
#      closed-loop capacity as wrk measures it (1 thread, 50 connections, same CPUs).
#   2. Shards vs one process: one process at RATE against 4 shard processes at RATE/4 each (--shard I/4, one
#      --start-at), all on CPU 1, merged with `report merge`; RUNS alternating runs, medians: achieved rate,
#      p50/p99/p99.9, client CPU per 100 000 requests.
#   bench/scaling.sh [RATE] [RUNS] [BOUND_MS]       (defaults 40000 3 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rate="${1:-40000}"
runs="${2:-3}"
bound_ms="${3:-5}"
work="$(mktemp -d)"
source "$root/bench/peers.sh"
trap stop_peers EXIT
install_peers wrk nginx
project=7f3c1a2e-0b4d-4c8e-9a1f-2d3e4f5a6b7c
conversation=5b2e8f10-6c3d-4a9e-b1f2-3c4d5e6f7a8b
export BENCH_TOKEN=bench-token
start_nginx 1 0
url="http://127.0.0.1:$port"
route="$url/v1/projects/$project/livechat/conversations/$conversation/messages/operator"
target=(--target "$url" --project "$project" --conversation "$conversation" --token-env BENCH_TOKEN --no-progress)
TIMEFORMAT='%U %S'
json() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== 1. rate ladder: open loop, 1 thread on CPU 1, nginx on CPU 0, p99 bound ${bound_ms} ms"
wrk_rps="$(taskset -c 1 wrk -t1 -c50 -d5s -s "$root/bench/static_post.lua" "$route" | awk '/^Requests\/sec:/ {print $2}')"
printf 'nginx closed-loop capacity (wrk -t1 -c50): %.0f req/s\n' "$wrk_rps"
printf '%10s %10s %9s %9s %9s  %s\n' requested achieved p50_ms p99_ms late held
held=0
for r in ${LADDER:-10000 20000 40000 60000 80000 100000 120000 140000 160000}; do
    taskset -c 1 "$harness" load "${target[@]}" --rate "$r" --duration 5s --warmup 1s --threads 1 --connections 64 \
        --json "$work/ladder.json" --hlog '' > /dev/null 2>&1 || true
    read -r achieved p50 p99 late < <(json "$work/ladder.json" \
        "r['achievedRate'], r['latency']['percentilesUs']['p50']/1000, r['latency']['percentilesUs']['p99']/1000, r['accounting']['fates']['too_late']/max(1,r['accounting']['intended'])")
    ok="$(awk -v a="$achieved" -v r="$r" -v p="$p99" -v l="$late" -v b="$bound_ms" 'BEGIN {print (a >= 0.99 * r && l < 0.001 && p < b) ? "yes" : "no"}')"
    printf '%10d %10.0f %9.2f %9.2f %8.3f%%  %s\n' "$r" "$achieved" "$p50" "$p99" "$(awk -v l="$late" 'BEGIN {print l * 100}')" "$ok"
    if [ "$ok" = yes ]; then held="$r"; else break; fi
done
printf 'highest rate held: %d req/s = %.2fx nginx closed-loop capacity (%.0f)\n' "$held" \
    "$(awk -v a="$held" -v b="$wrk_rps" 'BEGIN {print a / b}')" "$wrk_rps"

echo
echo "== 2. one process at $rate req/s vs 4 shards at $((rate / 4)) each, merged (all clients on CPU 1; $runs runs of 10 s)"
printf '%-4s %-8s %10s %8s %8s %9s %10s\n' run setup achieved p50_ms p99_ms p99.9_ms "CPU/100k"
for name in single sharded; do : > "$work/$name.stats"; done
for run in $(seq 1 "$runs"); do
    { time taskset -c 1 "$harness" load "${target[@]}" --rate "$rate" --duration 10s --warmup 1s --threads 1 \
        --connections 64 --json "$work/single.json" --hlog '' > /dev/null 2>&1; } 2> "$work/time"
    cpu="$(tail -n 1 "$work/time" | awk '{print $1 + $2}')"
    start=$(( $(date +%s%3N) + 1000 ))
    { time {
        shard_pids=()
        for i in 0 1 2 3; do
            taskset -c 1 "$harness" load "${target[@]}" --rate "$rate" --shard "$i/4" --start-at "$start" \
                --duration 10s --warmup 1s --threads 1 --connections 16 --json "$work/shard-$i.json" --hlog '' \
                > /dev/null 2>&1 &
            shard_pids+=($!)
        done
        wait "${shard_pids[@]}" # not a bare wait: nginx is a child of this shell too
    }; } 2> "$work/time-sharded"
    cpu_sharded="$(tail -n 1 "$work/time-sharded" | awk '{print $1 + $2}')"
    "$harness" report merge "$work"/shard-{0,1,2,3}.json -o "$work/merged.json" > /dev/null
    for name in single merged; do
        c="$cpu"; label=single
        [ "$name" = merged ] && { c="$cpu_sharded"; label=sharded; }
        read -r achieved p50 p99 p999 answered < <(json "$work/$name.json" \
            "r['achievedRate'], r['latency']['percentilesUs']['p50']/1000, r['latency']['percentilesUs']['p99']/1000, r['latency']['percentilesUs']['p99.9']/1000, r['accounting']['fates']['answered']")
        per100k="$(awk -v c="$c" -v n="$answered" 'BEGIN {printf "%.3f", c / n * 100000}')"
        printf '%-4s %-8s %10.0f %8.2f %8.2f %9.2f %10s\n' "$run" "$label" "$achieved" "$p50" "$p99" "$p999" "$per100k"
        echo "$achieved $p50 $p99 $p999 $per100k" >> "$work/$label.stats"
    done
done
for label in single sharded; do
    printf 'median %-8s' "$label"
    for col in 1 2 3 4 5; do printf ' %10s' "$(awk -v c="$col" '{print $c}' "$work/$label.stats" | median)"; done
    echo
done
single_p99="$(awk '{print $3}' "$work/single.stats" | median)"; sharded_p99="$(awk '{print $3}' "$work/sharded.stats" | median)"
single_cpu="$(awk '{print $5}' "$work/single.stats" | median)"; sharded_cpu="$(awk '{print $5}' "$work/sharded.stats" | median)"
printf 'sharded/single: p99 %.2fx, CPU per request %.2fx\n' "$(awk -v a="$sharded_p99" -v b="$single_p99" 'BEGIN {print a / b}')" \
    "$(awk -v a="$sharded_cpu" -v b="$single_cpu" 'BEGIN {print a / b}')"
