#!/usr/bin/env bash
# Load verdicts derived from everything that happened (issue 14, rows 1, 2, 4 and 8; row 3, Ctrl-C, is in
# load_test.sh): a run that could not test the target is a setup error (exit 2, with the reason) and never
# PASSED; replies with another status than the profile's success fail the run by default; a merge that misses an
# input says failed and names it in every format; an unwritable output is refused before the run, not after.
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, fail, start_mock, stop
export VERDICT_TOKEN=not-used
target=(--project p --conversation c --token-env VERDICT_TOKEN --connect-timeout 2000 --timeout 2000)
load() { # EXPECTED-EXIT NAME ARGS...: runs harness load, checks the exit code, keeps stdout+stderr in $work/NAME
    local expected="$1" name="$2" code=0
    shift 2
    timeout 120 "$bin" load --no-progress "$@" > "$work/$name" 2>&1 || code=$?
    [ "$code" = "$expected" ] || fail "$name: exit $code, expected $expected: $(tail -5 "$work/$name")"
    if grep -q "^PASSED" "$work/$name" && [ "$expected" != 0 ]; then
        fail "$name: says PASSED: $(tail -3 "$work/$name")"
    fi
}

# Row 1: a refused port is not a pass: exit 2, the reason named.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
load 2 refused --target "http://127.0.0.1:$port" "${target[@]}" --rate 20 --duration 1s --json '' --hlog ''
grep -qE "^error: the target answered nothing.*connect: .*refused" "$work/refused" ||
    fail "refused: the reason is not given: $(tail -3 "$work/refused")"

# Row 1: an https target whose certificate is not trusted (the bundled self-signed localhost one, without
# --cacert): exit 2 with the certificate error.
data="$(cd "$(dirname "${BASH_SOURCE[0]}")/../data" && pwd)"
start_mock tls --tls-cert "$data/tls/localhost.crt" --tls-key "$data/tls/localhost.key"
[[ "$url_tls" == https://127.0.0.1:* ]] || fail "the TLS mock does not serve HTTPS: $url_tls"
load 2 tls --target "https://localhost:${url_tls##*:}" "${target[@]}" --rate 20 --duration 1s --json '' --hlog ''
grep -qE "^error: the target answered nothing.*tls: .*certificate" "$work/tls" ||
    fail "tls: the certificate error is not given: $(tail -3 "$work/tls")"
stop "$pid_tls" || fail "the TLS mock did not exit cleanly on SIGTERM: $(tail -n 5 "$work/tls.err")"

# A closed loop against a server that never answers: its first requests are measured (they go at time zero,
# not before the warmup's end) and time out; never PASSED with 0 requests.
load 2 closed-hang --connections 2 --duration 1s --timeout 1500 --mock-fault hang --json "$work/closed-hang.json" --hlog ''
grep -qE "^error: the target answered nothing.*timeout" "$work/closed-hang" ||
    fail "closed-hang: $(tail -3 "$work/closed-hang")"
python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))["accounting"]
assert a["fates"]["timeout"] == 2 and a["warmup"] == 0, a' "$work/closed-hang.json" || fail "closed-hang: accounting"

# Row 2: every second reply a 500, no --threshold: the default thresholds fail the run, the 500s are counted as
# failed requests by status.
load 1 status500 --mock-fault status=500,every=2 --rate 200 --duration 1s --json "$work/status500.json" --hlog ''
grep -qE "^ +[0-9]+ answered with another status than 200: failed requests" "$work/status500" ||
    fail "status500: the 500s are not counted as failed: $(cat "$work/status500")"
grep -qE "^ +FAIL +errors<=1% .*default$" "$work/status500" || fail "status500: no failing default threshold"
python3 - "$work/status500.json" <<'PY' || fail "status500: the JSON does not say failed"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["verdict"] == "failed" and not r["passed"], r["verdict"]
assert r["errorsByStatus"] == r["statuses"]["500"] > 0, (r["errorsByStatus"], r["statuses"])
assert 0.4 < r["errorRatio"] < 0.6, r["errorRatio"]
assert any(t["default"] and not t["passed"] for t in r["thresholds"]), r["thresholds"]
PY
# …and the same run passes without the fault, and with --no-default-thresholds judges nothing.
load 0 healthy --rate 200 --duration 1s --json "$work/healthy.json" --hlog ''
load 0 no_defaults --mock-fault status=500,every=2 --no-default-thresholds --rate 200 --duration 1s --json '' --hlog ''

# Row 4: a merge that misses an input is failed, and says which, in the console, JSON and Markdown.
code=0
"$bin" report merge "$work/healthy.json" "$work/missing.json" -o "$work/merged.json" > "$work/merge" 2>&1 || code=$?
[ "$code" = 1 ] || fail "merge: exit $code, expected 1"
grep -q "^PASSED" "$work/merge" && fail "merge: says PASSED: $(cat "$work/merge")"
grep -q "missing.json" "$work/merge" || fail "merge: the missing input is not named"
python3 -c "import json,sys; r=json.load(open('$work/merged.json')); sys.exit(0 if (not r['passed'] and r['verdict']=='failed' and r['missingInputs']==['$work/missing.json']) else 1)" ||
    fail "merge: the merged JSON does not say failed with its missing input"
"$bin" report markdown "$work/merged.json" -o "$work/merged.md" > /dev/null || fail "merge: markdown failed"
grep -q "failed" "$work/merged.md" && grep -q "missing.json" "$work/merged.md" ||
    fail "merge: the Markdown does not say failed and missing: $(head -5 "$work/merged.md")"

# Row 8: an output that cannot be written is refused before the run, with the reason.
started=$SECONDS
load 2 nodir --rate 20 --duration 30s --json "$work/no-such-dir/x.json" --hlog ''
grep -q "no such folder" "$work/nodir" || fail "nodir: the reason is not given: $(cat "$work/nodir")"
grep -q "requests" "$work/nodir" && fail "nodir: the run started anyway"
[ $((SECONDS - started)) -lt 25 ] || fail "nodir: the 30 s run was executed before the error"
echo "load verdicts: all checks passed"

# A server that ends idle keep-alive connections (here after 300 ms, as nginx's keepalive_timeout or a load
# balancer's idle timeout would) is no failure of the target: a lane idle that long checks its connection and
# connects anew, instead of sending into a dead one and counting a reset (found in the README's threshold
# example, 1 reset in 100 000 requests when a spare lane sat idle past the mock's 10 s).
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh"
start_mock keepalive --read-timeout 300
export KEEPALIVE_TOKEN="$builtin_token"
load 0 keepalive --target "$url_keepalive" --project "$builtin_project" --conversation "$builtin_conversation" \
    --token-env KEEPALIVE_TOKEN --rate 2 --duration 3s --json "$work/keepalive.json" --hlog ''
grep -qE "^  requests  6 intended, 6 answered, 0 failed" "$work/keepalive" ||
    fail "keepalive: a lane idle past the server's keep-alive timeout failed: $(tail -8 "$work/keepalive")"
stop "$pid_keepalive" || fail "the keepalive mock did not exit cleanly on SIGTERM"
echo "ok idle keep-alive connections the server ended are opened anew, never counted as resets"
