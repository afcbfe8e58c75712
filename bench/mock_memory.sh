#!/usr/bin/env bash
# The mock's memory under a long load run: RSS sampled every 10 s while wrk drives it with a new
# idempotencyKey on every request (so every request stores a message and a key). Flat RSS after the stores
# fill up shows the bounds hold.  bench/mock_memory.sh [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
harness="$root/build/${HARNESS_PRESET:-release}/harness/cli/harness"
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
fixtures="$("$harness" mock --print-fixtures)"
field() { printf '%s\n' "$fixtures" | grep -m1 "$1" | sed 's/.*"\(.*\)".*/\1/'; }
export BENCH_TOKEN="$(field 'token:')"
route="/v1/projects/$(field 'uuid:')/livechat/conversations/$(field '      - ')/messages/operator"
taskset -c 0 "$harness" mock --port 0 > "$work/out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do [ -s "$work/out" ] && break; sleep 0.05; done
url="$(sed -n 's/^listening on //p' "$work/out")"
echo "RSS of harness mock at start: $(ps -o rss= -p "$pid") KiB"
taskset -c 1 wrk -t1 -c50 -d"${seconds}s" -s "$root/bench/new_key_post.lua" "$url$route" > "$work/wrk" &
wrk_pid=$!
for t in $(seq 10 10 "$seconds"); do
    sleep 10
    printf 'after %3d s: RSS %s KiB, requests %s\n' "$t" "$(ps -o rss= -p "$pid")" \
        "$(curl -s "$url/__admin/health" | sed 's/.*"requests":\([0-9]*\).*/\1/')"
done
wait "$wrk_pid"
grep -E "Requests/sec" "$work/wrk"
