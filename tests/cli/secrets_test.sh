#!/usr/bin/env bash
# Secrets never leave: every subcommand runs with known tokens (a mock whose fixtures hold them, verify and load
# with every token variable, reports of their results, repro with a bundle, record mode), and every line printed
# and every file written is searched for them. Only the fixtures file itself may hold them.
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, stop, fail, wait_listening; stops every mock on exit
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh" # $builtin_project, $builtin_token, … of the mock's fixtures
out="$work/out"
mkdir -p "$out"

export S_OPERATOR="sekrit-operator-token-5d1f9a"
export S_SECOND="sekrit-second-token-7b2c44"
export S_OTHER="sekrit-other-project-token-1e8e03"
export S_EXPIRED="sekrit-expired-token-9c6d27"
secrets=("$S_OPERATOR" "$S_SECOND" "$S_OTHER" "$S_EXPIRED")
"$bin" mock --print-fixtures | sed -e "s/$builtin_token/$S_OPERATOR/" -e "s/$builtin_token_2/$S_SECOND/" \
    -e "s/$builtin_other_project_token/$S_OTHER/" -e "s/$builtin_expired_token/$S_EXPIRED/" > "$work/fixtures.yaml"
grep -q "$S_EXPIRED" "$work/fixtures.yaml" || fail "fixtures were not rewritten"

# A mock of the rewritten fixtures, its output in $out (searched for the secrets too). Runs in this shell, never in
# $(…), so that spawn records the mock's PID. Sets url_NAME and pid_NAME.
start_secret_mock() { # NAME ARGS…
    local name="$1"
    shift
    spawn "$bin" mock --port 0 --fixtures "$work/fixtures.yaml" "$@" > "$out/$name.out" 2> "$out/$name.err"
    printf -v "pid_$name" '%s' "$spawned"
    wait_listening "url_$name" "$out/$name.out" "$spawned"
}
start_secret_mock mock
url="$url_mock"
project=$builtin_project
conversation=$builtin_conversation
target=(--target "$url" --project "$project" --conversation "$conversation" --conversation-2 "$builtin_conversation_2"
    --company "$builtin_company" --token-env S_OPERATOR --second-caller-token-env S_SECOND
    --other-project-token-env S_OTHER --expired-token-env S_EXPIRED)
# load takes no second conversation nor second caller; its mix sends the other tokens.
load_target=(--target "$url" --project "$project" --conversation "$conversation" --company "$builtin_company"
    --token-env S_OPERATOR --other-project-token-env S_OTHER --expired-token-env S_EXPIRED)
step() { # NAME COMMAND… : output to $out/NAME.log; any exit code but a crash or timeout is fine here
    local name="$1"
    shift
    timeout 120 "$@" > "$out/$name.log" 2>&1
    local code=$?
    [ "$code" -lt 124 ] || fail "$name: exit $code"
}

step contract-show "$bin" contract show
step verify "$bin" verify "${target[@]}" --admin-url "$url" --report-dir "$out/verify" --junit "$out/verify.xml" \
    --json "$out/verify.json" --profile "$(dirname "${BASH_SOURCE[0]}")/../data/profiles/no-latency-budget.yaml"
grep -q "PASSED" "$out/verify.log" || fail "verify with the secret tokens did not pass: $(tail -5 "$out/verify.log")"
step verify-failing "$bin" verify "${target[@]}" --suite auth --report-dir "$out/verify-failing"
step load "$bin" load "${load_target[@]}" --mix all --rate 200 --duration 2s --no-progress --report-dir "$out/load" \
    --metrics-addr 127.0.0.1:0 --json "$out/load.json" --hlog "$out/load.hlog"
step load-2 "$bin" load "${load_target[@]}" --rate 200 --duration 1s --no-progress --json "$out/load-2.json" --hlog ''
for result in load load-2; do
    [ -s "$out/$result.json" ] || fail "$result wrote no result: $(tail -n 3 "$out/$result.log")"
done
step report-html "$bin" report html "$out/verify.json" "$out/load.json" -o "$out/report.html"
step report-md "$bin" report markdown "$out/verify.json" -o "$out/verify.md"
step report-junit "$bin" report junit "$out/load.json" -o "$out/load.xml"
step report-compare "$bin" report compare "$out/load.json" "$out/load-2.json"
step report-merge "$bin" report merge "$out/load.json" "$out/load-2.json" -o "$out/merged.json" --hlog "$out/merged.hlog"
step repro "$bin" repro --target "$url" --token-env S_OPERATOR --repeat 3 --bundle "$out/bundle" --curl \
    "curl '$url/v1/projects/$project/livechat/conversations/$conversation/messages/operator?access_token=$S_SECOND' -H 'Authorization: Bearer $S_EXPIRED' -H 'Cookie: sid=$S_OTHER' -H 'Content-Type: application/json' -d '{\"itemUuid\":\"1a445d9b-6a99-4eef-955c-b83d6ab52b68\"}'"
grep -q "replay 1  200" "$out/repro.log" || fail "repro did not replay with --token-env's token: $(head -20 "$out/repro.log")"
start_secret_mock recorder --proxy "$url" --record-to "$out/recorded"
recorder="$url_recorder"
curl -s -o /dev/null --max-time 10 -H "Authorization: Bearer $S_OPERATOR" -H "Cookie: sid=$S_SECOND" \
    -H 'Content-Type: application/json' -d '{"itemUuid":"1a445d9b-6a99-4eef-955c-b83d6ab52b68"}' \
    "$recorder/v1/projects/$project/livechat/conversations/$conversation/messages/operator" || fail "record mode"
curl -s --max-time 10 "$url/__admin/journal" > "$out/journal.json" || fail "journal"
curl -s --max-time 10 "$url/__admin/metrics" > "$out/mock-metrics.txt" || fail "metrics"
# Stopped before the search, so that what they write on the way out is searched too.
stop "$pid_recorder" || fail "the recording mock did not exit cleanly on SIGTERM: $(cat "$out/recorder.err")"
stop "$pid_mock" || fail "the mock did not exit cleanly on SIGTERM: $(cat "$out/mock.err")"
[ -s "$out/recorded/0001-post-200.yaml" ] || fail "record mode kept nothing: $(ls "$out/recorded" 2>&1)"
files=$(find "$out" -type f | wc -l)
[ "$files" -gt 30 ] || fail "only $files files were produced"
for secret in "${secrets[@]}"; do
    hits="$(grep -rlF -- "$secret" "$out")"
    [ -z "$hits" ] || fail "secret ${secret:0:12}… found in: $hits"
done
echo "ok: no secret in $files files and every printed line"
