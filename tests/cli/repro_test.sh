#!/usr/bin/env bash
# harness repro end to end against mocks on loopback: a HAR written to the HAR 1.2 spec and a copied curl command
# both replay, explain and bundle; bad HAR and curl input fail with their place and write nothing; the bundle's
# scenario makes verify fail on the mock with the same faults and pass without them; record mode keeps exchanges
# as scenarios. Last, every printed line and every written file is searched for the secrets used: none may appear.
set -uo pipefail
bin="$1"
data="$2"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, stop, fail, start_mock; stops every mock still running on exit
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh" # $builtin_project, $builtin_token, … of the mock's fixtures

run() { # EXPECTED_EXIT NAME ARGS… : output kept in $work/NAME.log
    local expected="$1" name="$2"
    shift 2
    timeout 60 "$bin" "$@" > "$work/$name.log" 2>&1
    local code=$?
    [ "$code" = "$expected" ] || fail "$name: exit $code, expected $expected:
$(tail -30 "$work/$name.log")"
}

expect_in() { grep -qF -- "$2" "$work/$1.log" || fail "$1: no '$2' in:
$(tail -30 "$work/$1.log")"; }

faults=(--fault drift=error_id_missing --fault status=500,every=2)
start_mock faulty "${faults[@]}"
start_mock healthy
project=$builtin_project
conversation=$builtin_conversation
export REPRO_TOKEN=$builtin_token

# 1. A browser's HAR: the one entry that is the operation is chosen, re-pointed at the mock, replayed 4 times.
run 1 har repro --har "$data/repro/browser-session.har" --target "$url_faulty" --repeat 4 --redact-field operatorPin \
    --bundle "$work/har-bundle"
expect_in har "entry 2"
expect_in har "error.errorId is missing; FailureEnvelope requires it"
expect_in har "a request that keeps the contract got 500"
expect_in har "the status flips between replies: 200 ×2"
expect_in har "all 2 successful replies carry one message"
expect_in har "Accept-Encoding dropped"
expect_in har "REPRODUCED: 2 of 4 replies break the contract"
# The entry was captured over HTTP/2 (httpVersion h2): replayed over HTTP/2 (h2c to the mock), unless asked.
expect_in har "replayed over HTTP/2 as captured"
expect_in har "(reused connection) · HTTP/2"
run 1 har-http1 repro --har "$data/repro/browser-session.har" --target "$url_faulty" --repeat 2 --http 1.1 \
    --redact-field operatorPin
expect_in har-http1 "· HTTP/1.1"
grep -q "· HTTP/2" "$work/har-http1.log" && fail "--http 1.1 still replayed over HTTP/2"
for f in request.json result.json explain.txt summary.md summary.html scenario.yaml; do
    [ -s "$work/har-bundle/$f" ] || fail "bundle lacks $f"
done
head -n 1 "$work/har-bundle/summary.md" | grep -qF "## harness repro: ❌ reproduced — 2 of 4 replies break the contract" ||
    fail "summary.md: $(head -n 1 "$work/har-bundle/summary.md")"
grep -qE "^\| 2 \| 500( Internal Server Error)? \|" "$work/har-bundle/summary.md" || fail "summary.md has no row per reply"
python3 -c "import json,sys; json.load(open('$work/har-bundle/request.json')); r=json.load(open('$work/har-bundle/result.json')); sys.exit(0 if len(r['cases'][0]['exchanges'])==4 else 1)" ||
    fail "bundle JSON"

# 2. Choosing entries: several matches are listed; a data: entry is not an HTTP request; broken files say where.
run 2 har-ambiguous repro --har "$data/repro/browser-session.har" --match GET --target "$url_faulty"
expect_in har-ambiguous "2 entries match; choose one with --entry N"
expect_in har-ambiguous "  3  GET data:image/png"
# The list of entries shows no credential of their URLs.
python3 - "$work/secret-query.har" <<'PY'
import json, sys
entry = lambda url: {"request": {"method": "GET", "url": url, "headers": []}, "response": {"status": 200}}
json.dump({"log": {"entries": [entry("http://h/a?access_token=amb-query-secret-88&x=1"),
                               entry("http://h/b?token=amb-query-secret-99")]}}, open(sys.argv[1], "w"))
PY
run 2 har-ambiguous-secret repro --har "$work/secret-query.har" --match GET --target "$url_faulty"
expect_in har-ambiguous-secret "access_token=<redacted>"
grep -q "amb-query-secret" "$work/har-ambiguous-secret.log" && fail "the ambiguous entries' list shows a query token"
run 2 har-data-entry repro --har "$data/repro/browser-session.har" --entry 3 --target "$url_faulty" --bundle "$work/never-1"
expect_in har-data-entry "/log/entries/2/request/url"
expect_in har-data-entry "is not an HTTP request"
printf '{\n  "log": {\n    "entries": [\n      {"request": }\n' > "$work/broken.har"
run 2 har-broken repro --har "$work/broken.har" --target "$url_faulty" --bundle "$work/never-2"
expect_in har-broken "broken.har:4:"
printf '{"log": {"entries": [{"request": {"method": "POST"}}]}}' > "$work/no-url.har"
run 2 har-no-url repro --har "$work/no-url.har" --entry 1 --target "$url_faulty" --bundle "$work/never-3"
expect_in har-no-url "/log/entries/0/request"
expect_in har-no-url "'url'"

# 3. A copied curl command (bash "copy as cURL": continuations, $'…' quoting, cookies, --compressed).
cat > "$work/customer.curl" <<CURL
curl 'http://gateway.invalid/v1/projects/$project/livechat/conversations/$conversation/messages/operator?token=curl-query-secret-31' \\
  -H 'authorization: Bearer $builtin_token' \\
  -H 'content-type: application/json' \\
  -b 'sid=curl-cookie-secret-42' \\
  --data-raw \$'{"itemUuid":"1a445d9b-6a99-4eef-955c-b83d6ab52b68","text":"it\\'s \\u00e9"}' \\
  --compressed
CURL
run 1 curl repro --curl-file "$work/customer.curl" --target "$url_faulty" --repeat 3 --concurrency 3 \
    --bundle "$work/curl-bundle"
expect_in curl "curl command in"
expect_in curl "3 at a time"
expect_in curl "REPRODUCED"
expect_in curl "--compressed"
run 0 curl-healthy repro --curl "$(cat "$work/customer.curl")" --target "$url_healthy" --token-env REPRO_TOKEN
expect_in curl-healthy "NOT REPRODUCED: every reply keeps the contract"
expect_in curl-healthy "the captured credential was replaced by --token-env's"
run 2 curl-unterminated repro --curl "curl -H 'a: b' -d '{\"x\":1" --target "$url_faulty" --bundle "$work/never-4"
expect_in curl-unterminated "line 1 column 19: the single quote opened here is never closed"
run 2 curl-unknown-option repro --curl "curl --proxy http://p:1 http://h/" --bundle "$work/never-5"
expect_in curl-unknown-option "curl option --proxy is not supported"
mkdir -p "$work/used" && echo keep > "$work/used/mine.txt"
run 2 bundle-used repro --curl "$(cat "$work/customer.curl")" --target "$url_faulty" --bundle "$work/used"
expect_in bundle-used "exists and is not empty"
[ "$(ls "$work/used")" = "mine.txt" ] || fail "a used bundle folder was changed"
grep -q "^replay 1" "$work/bundle-used.log" && fail "an unusable bundle folder was found only after replaying"
echo file > "$work/a-file"
run 2 bundle-file repro --curl "$(cat "$work/customer.curl")" --target "$url_faulty" --bundle "$work/a-file"
expect_in bundle-file "is a file"
run 2 bundle-under-file repro --curl "$(cat "$work/customer.curl")" --target "$url_faulty" --bundle "$work/a-file/sub"
expect_in bundle-under-file "cannot be made: $work/a-file is a file"
grep -q "^replay 1" "$work/bundle-file.log" "$work/bundle-under-file.log" && fail "replayed before refusing the bundle"
for n in 1 2 3 4 5; do [ ! -e "$work/never-$n" ] || fail "bad input left a bundle never-$n"; done
ls "$work" | grep -q partial && fail "a partial bundle was left behind"

# Each check repro adds is shown failing against a mock that breaks its rule: a second message for one key, and
# a request without a credential that is accepted.
start_mock fresh_uuid --fault drift=fresh_message_uuid_on_replay
run 1 repro-fresh-uuid repro --target "$url_fresh_uuid" --repeat 3 --curl \
    "curl http://h/v1/projects/$project/livechat/conversations/$conversation/messages/operator -H 'Authorization: Bearer $REPRO_TOKEN' -H 'Content-Type: application/json' -d '{\"itemUuid\":\"1a445d9b-6a99-4eef-955c-b83d6ab52b68\",\"idempotencyKey\":\"fresh-uuid-key-1\"}'"
expect_in repro-fresh-uuid "a different messageUuid for the same idempotencyKey"
expect_in repro-fresh-uuid "idempotencyKey fresh-uuid-key-1 got 3 different messages across 3 successful replies"
stop "$pid_fresh_uuid" || fail "the fresh_uuid mock did not exit cleanly on SIGTERM"
start_mock no_auth --fault drift=no_auth_required
run 1 repro-no-auth repro --target "$url_no_auth" --curl \
    "curl http://h/v1/projects/$project/livechat/conversations/$conversation/messages/operator -H 'Content-Type: application/json' -d '{\"itemUuid\":\"1a445d9b-6a99-4eef-955c-b83d6ab52b68\"}'"
expect_in repro-no-auth "status 200, but the request has no Authorization header: the profile says 401"
stop "$pid_no_auth" || fail "the no_auth mock did not exit cleanly on SIGTERM"
run 0 repro-no-auth-healthy repro --target "$url_healthy" --curl \
    "curl http://h/v1/projects/$project/livechat/conversations/$conversation/messages/operator -H 'Content-Type: application/json' -d '{\"itemUuid\":\"1a445d9b-6a99-4eef-955c-b83d6ab52b68\"}'"
expect_in repro-no-auth-healthy "the request has no Authorization header, so the profile expects 401"

# What the gateway did with the captured data: a text trimmed by a sanitiser, a replay stamped anew.
padded_curl="curl http://h/v1/projects/$project/livechat/conversations/$conversation/messages/operator -H 'Authorization: Bearer $REPRO_TOKEN' -H 'Content-Type: application/json' -d '{\"itemUuid\":\"1a445d9b-6a99-4eef-955c-b83d6ab52b68\",\"text\":\"  padded \",\"idempotencyKey\":\"repro-data-key-$RANDOM$RANDOM\"}'"
start_mock data_drifts --fault drift=text_trimmed --fault drift=replay_restamps_created_at
run 1 repro-data-drifts repro --target "$url_data_drifts" --repeat 2 --curl "$padded_curl"
expect_in repro-data-drifts "/data/text differs from what was sent"
expect_in repro-data-drifts "the replay carries another time of storing than the first send's"
stop "$pid_data_drifts" || fail "the data_drifts mock did not exit cleanly on SIGTERM"
run 0 repro-data-healthy repro --target "$url_healthy" --repeat 2 --curl "$padded_curl"

# A valid request refused as invalid (400, 415) breaks the contract as a 500 does.
valid_curl="curl http://h/v1/projects/$project/livechat/conversations/$conversation/messages/operator -H 'Authorization: Bearer $REPRO_TOKEN' -H 'Content-Type: application/json' -d '{\"itemUuid\":\"1a445d9b-6a99-4eef-955c-b83d6ab52b68\"}'"
for status in 400 415; do
    start_mock "refuses_$status" --fault "status=$status"
    url_var="url_refuses_$status"
    run 1 "repro-valid-got-$status" repro --target "${!url_var}" --curl "$valid_curl"
    expect_in "repro-valid-got-$status" "a request that keeps the contract got $status"
    pid_var="pid_refuses_$status"
    stop "${!pid_var}" || fail "the refuses_$status mock did not exit cleanly on SIGTERM"
done
run 0 repro-valid-healthy repro --target "$url_healthy" --curl "$valid_curl"
# A request that is not the operation is not judged: that is not a pass (nor the target's failure).
run 2 repro-not-judged repro --curl "curl $url_healthy/health"
expect_in repro-not-judged "NOT JUDGED"

# 4. The bundle's scenario in CI: verify fails with the same faults and passes without them.
run 1 verify-faulty verify --suite none --scenario "$work/har-bundle/scenario.yaml" \
    --mock-fault drift=error_id_missing --mock-fault status=500,every=2
expect_in verify-faulty "FAIL  repro: "
run 0 verify-healthy verify --suite none --scenario "$work/har-bundle/scenario.yaml"
run 1 verify-curl-faulty verify --suite none --scenario "$work/curl-bundle/scenario.yaml" \
    --mock-fault drift=error_id_missing --mock-fault status=500,every=2
run 0 verify-curl-healthy verify --suite none --scenario "$work/curl-bundle/scenario.yaml"
# A scenario is an input of repro too.
run 1 scenario-input repro --scenario "$work/har-bundle/scenario.yaml" --target "$url_faulty" --token-env REPRO_TOKEN \
    --repeat 2
expect_in scenario-input "case 'repro: "
# A target with a base path: the path is sent under it once (the mock's journal shows what arrived).
run 0 scenario-base-path repro --scenario "$work/har-bundle/scenario.yaml" --target "$url_healthy/gw/" --token-env REPRO_TOKEN
grep -q "instead of" "$work/scenario-base-path.log" && fail "a scenario's own target is reported as changed"
grep -q '"target":"/gw/v1/projects/' <<<"$(curl -s --max-time 5 "$url_healthy/__admin/journal")" ||
    fail "the base path was not sent once: $(curl -s --max-time 5 "$url_healthy/__admin/journal" | tail -c 400)"
run 2 scenario-no-token repro --scenario "$work/har-bundle/scenario.yaml" --target "$url_healthy"
expect_in scenario-no-token "give --token-env"

# 5. Record mode: the mock forwards to a real target and keeps each exchange as a scenario.
# A fresh upstream, so that its every-second 500 falls on the second exchange whatever ran before.
start_mock upstream "${faults[@]}"
start_mock recorder --proxy "$url_upstream" --record-to "$work/recorded"
for body in '{"itemUuid":"1a445d9b-6a99-4eef-955c-b83d6ab52b68"}' '{"itemUuid":"2b445d9b-6a99-4eef-955c-b83d6ab52b68"}'; do
    curl -s -o /dev/null --max-time 10 -H "Authorization: Bearer $REPRO_TOKEN" -H 'Content-Type: application/json' \
        -H 'Cookie: sid=record-cookie-secret-64' -d "$body" \
        "$url_recorder/v1/projects/$project/livechat/conversations/$conversation/messages/operator" ||
        fail "curl through the recorder"
done
for _ in $(seq 1 300); do [ "$(ls "$work/recorded" 2>/dev/null | wc -l)" = 2 ] && break; sleep 0.1; done
ls "$work/recorded" | grep -q -- '-500.yaml$' || fail "no recorded 500: $(ls "$work/recorded")"
run 1 verify-recorded verify --suite none $(for f in "$work"/recorded/*.yaml; do printf -- '--scenario %s ' "$f"; done) \
    --mock-fault drift=error_id_missing --mock-fault status=500,every=2
expect_in verify-recorded "recorded 1: POST 200"

# 6. No secret in any output: what was printed and every file written.
cat "$work"/*.err > "$work/stderr.all" 2>/dev/null
for secret in "$builtin_token" har-cookie-secret-55 har-query-secret-77 pin-secret-4321 curl-query-secret-31 \
    curl-cookie-secret-42 record-cookie-secret-64; do
    hits="$(grep -rlF -- "$secret" "$work"/*.log "$work/stderr.all" "$work/har-bundle" "$work/curl-bundle" "$work/recorded")"
    [ -z "$hits" ] || fail "secret $secret found in: $hits"
done
grep -qF '<redacted>' "$work/har-bundle/request.json" || fail "request.json shows no redaction at all"
echo "ok: repro end to end"
