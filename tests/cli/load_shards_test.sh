#!/usr/bin/env bash
# Four shard processes (--shard I/4, --start-at the same millisecond) drive one mock at R/4 each; their results
# merge into one whose counts are the sums and whose requested rate is R. Every request carries a new key and
# the mock stores exactly as many messages as were answered, so the shards' key spaces are disjoint. A merge
# without one shard names it and exits 1.
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, stop, await, fail, start_mock; stops the mock and shards on exit
json() { python3 -c "import json,sys; r=json.load(open('$1')); print($2)"; }

start_mock mock --threads 2
url=$url_mock
fixtures="$("$bin" mock --print-fixtures)"
field() { grep -m1 "$1" <<<"$fixtures" | sed 's/.*"\(.*\)".*/\1/'; }
export SHARD_TOKEN="$(field 'token:')"
project="$(field 'uuid:')"
conversation="$(field '      - ')"
start=$(( $(date +%s%3N) + 1500 ))
pids=()
for i in 0 1 2 3; do
    spawn timeout 60 "$bin" load --target "$url" --project "$project" --conversation "$conversation" --token-env SHARD_TOKEN \
        --rate 800 --duration 3s --shard "$i/4" --start-at "$start" --no-progress --connections 10 \
        --json "$work/shard-$i.json" --hlog "$work/shard-$i.hlog" > "$work/shard-$i.out" 2>&1
    pids+=("$spawned")
done
for p in "${pids[@]}"; do await "$p" || fail "a shard failed: $(cat "$work"/shard-*.out | tail -n 5)"; done
for i in 0 1 2 3; do
    [ "$(json "$work/shard-$i.json" "r['accounting']['intended'], r['shard']['index'], r['shard']['count']")" = "600 $i 4" ] ||
        fail "shard $i: $(json "$work/shard-$i.json" "r['accounting']['intended'], r['shard']")"
done
"$bin" report merge "$work"/shard-{0,1,2,3}.json -o "$work/all.json" > "$work/merge.out" || fail "merge: $(cat "$work/merge.out")"
[ "$(json "$work/all.json" "r['accounting']['intended'] == 2400 == r['accounting']['accounted'] and abs(r['requestedRate'] - 800) < 1e-6 and r['missingShards'] == []")" = True ] ||
    fail "merged: $(json "$work/all.json" "r['accounting'], r['requestedRate'], r['missingShards']")"
# The merged percentiles against HdrHistogram's own merge: the reference HistogramLogProcessor reads every
# interval of the four shards' .hlog files and adds them up in-process (its T: totals); they must equal ours.
{ head -n 4 "$work/shard-0.hlog"; for i in 0 1 2 3; do grep -v '^#\|^"' "$work/shard-$i.hlog"; done; } > "$work/shards.hlog"
jar="${HDRHISTOGRAM_JAR:-/usr/share/java/hdrhistogram.jar}"
timeout 120 java -cp "$jar" org.HdrHistogram.HistogramLogProcessor -i "$work/shards.hlog" -o "$work/java" \
    -outputValueUnitRatio 1 > /dev/null 2>&1 || fail "HistogramLogProcessor could not read the shards' logs"
read -r j_total j50 j90 j99 j999 j9999 jmax < <(tail -n 1 "$work/java" |
    sed 's/.*T:\([0-9]*\) ( *\([0-9.]*\) *\([0-9.]*\) *\([0-9.]*\) *\([0-9.]*\) *\([0-9.]*\) *\([0-9.]*\) *)/\1 \2 \3 \4 \5 \6 \7/')
ours="$(json "$work/all.json" "r['latency']['count'], *[r['latency']['percentilesUs'][p] for p in ('p50','p90','p99','p99.9','p99.99')], r['latency']['maxUs']")"
java_merge="$j_total ${j50%.*} ${j90%.*} ${j99%.*} ${j999%.*} ${j9999%.*} ${jmax%.*}"
[ "$java_merge" = "$ours" ] || fail "merged percentiles differ from HdrHistogram's merge: ours $ours, java $java_merge"
# Disjoint keys: every 200 stored its own message (a key used twice would be replayed, or refused with 422, and
# store nothing). A request that was sent but got no reply (a timeout on a busy machine) may have been stored
# too, so those widen the range; with none, stored must equal the 200s exactly.
stored="$(curl -sS --max-time 10 "$url/__admin/messages?conversation=$conversation" | sed -n 's/.*"storedTotal":\([0-9]*\).*/\1/p')"
[ -n "$stored" ] || fail "no storedTotal from the mock's admin API"
read -r ok200 unanswered refused < <(json "$work/all.json" "r['statuses'].get('200', 0), sum(v for k, v in r['accounting']['fates'].items() if k not in ('answered', 'too_late')), sum(v for k, v in r['statuses'].items() if k != '200')")
# Each of the 4 shard processes also stored its preflight's valid send (issue 25), before its time zero.
preflights=4
[ "$refused" = 0 ] && [ "$stored" -ge $((ok200 + preflights)) ] && [ "$stored" -le $((ok200 + unanswered + preflights)) ] ||
    fail "the mock stored $stored messages for $ok200 replies 200 and $preflights preflights ($refused other statuses, $unanswered unanswered): shard keys collided"
stop "$pid_mock" || fail "the mock did not exit cleanly on SIGTERM: $(tail -n 5 "$work/mock.err")"
"$bin" report merge "$work"/shard-{0,1,2}.json -o "$work/three.json" > "$work/three.out"; code=$?
[ "$code" = 1 ] || fail "a merge without shard 3 exited $code"
grep -q "MISSING: shard 3/4" "$work/three.out" || fail "the missing shard is not named: $(cat "$work/three.out")"
echo "shards: 4 x 600 merged to 2400 at 800 req/s requested; percentiles equal HdrHistogram's merge ($java_merge); $stored messages stored for $ok200 replies 200"
