#!/usr/bin/env bash
# Chaos peers × subcommands: for each way a server can break (the mock's chaos faults, a TLS handshake that
# fails, a refused connection; over HTTP/2 a GOAWAY mid-run, a window that never opens, an HTTP/1.1-only server
# asked for h2c, a TLS server without h2 in ALPN), verify, load and repro must end within their timeouts, classify the failure by
# its kind (reset, protocol, timeout, too_large, tls, connect; over HTTP/2 also stream_reset, goaway,
# flow_control, settings_limit), exit as the README's exit-code table says (never a crash or a hang), and load must
# account for every request it intended. Run under the asan preset, nothing may crash or leak either.
# One meaning per exit code (issue 25 row 6), asserted per fault:
#   verify, load  no exchange got a complete HTTP response (refused, TLS refused, garbage, resets, truncation, an
#                 oversized reply, silence): the target was not tested, exit 2, the first failure named; once it
#                 answered anything (a reply with a malformed body, every second request reset), its broken
#                 replies are its failures, exit 1
#   repro         refused or TLS refused: exit 2; a transport failure after connecting is what the replay found,
#                 exit 1, in words ("REPRODUCED: reset after the headers: …")
# The kind is checked where each subcommand prints it for one failure, never in a line that names every kind:
#   verify  "actual:   KIND: …" under a failed case, or for a target not tested (exit 2) the reason it gives
#   load    a non-zero count KIND:N in its "errors" line, and in the JSON's accounting fates; exit 2 names it too
#   repro   "replay N  KIND: …", and the verdict line
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, stop, fail, start_mock, wait_output, wait_port
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh" # $builtin_project, $builtin_token, … of the mock's fixtures
mock=""
project=$builtin_project
conversation=$builtin_conversation
export CHAOS_TOKEN=$builtin_token
timeouts=(--connect-timeout 1000 --timeout 800)
trust=(--cacert "$(dirname "${BASH_SOURCE[0]}")/../data/tls/localhost.crt") # the TLS peers' certificate
http_flag=() # the HTTP/2 pass below sets --http 2
load_flag=() # and --streams for load

mock_up() { # ARGS…: a mock (processes.sh's start_mock) at $url
    start_mock mock "$@"
    url=$url_mock
}
mock_down() { stop "$pid_mock" || fail "the mock did not exit cleanly on SIGTERM: $(tail -5 "$work/mock.err")"; }

# check NAME PATTERN EXIT_CODES COMMAND… : bounded run; exit code must be one of EXIT_CODES; a line of the output
# must match the extended regular expression PATTERN (the line that classifies the failure).
check() {
    local name="$1" pattern="$2" codes="$3"
    shift 3
    local started=$SECONDS
    timeout 60 "$@" > "$work/$name.log" 2>&1
    local code=$?
    [ "$code" != 124 ] || fail "$name: did not end within 60 s"
    [ "$code" -lt 128 ] || fail "$name: crashed (exit $code): $(tail -5 "$work/$name.log")"
    [[ " $codes " == *" $code "* ]] || fail "$name: exit $code, expected one of $codes: $(tail -8 "$work/$name.log")"
    grep -qE -- "$pattern" "$work/$name.log" ||
        fail "$name: the failure is not classified as /$pattern/: $(tail -8 "$work/$name.log")"
    echo "ok: $name exit $code in $((SECONDS - started)) s: $(grep -m1 -E -- "$pattern" "$work/$name.log" | sed 's/^ *//' | cut -c1-90)"
}

# says NAME PATTERN: a line of the last run of NAME (check) matches PATTERN too.
says() {
    grep -qE -- "$2" "$work/$1.log" || fail "$1: no line matches /$2/: $(tail -8 "$work/$1.log")"
    echo "ok: $1 says: $(grep -m1 -E -- "$2" "$work/$1.log" | sed 's/^ *//' | cut -c1-100)"
}

# Not tested: no exchange got a complete HTTP response; the reason names the first failure's class.
not_tested_says() { # KIND
    echo "^error: (the target answered nothing, so it was not tested|target not answering): $1: "
}

# MODE KIND URL [ANSWERED [REPRO_WORDS]]: ANSWERED "none" (the default: no reply ever completes), "some" (the
# target answers, some replies broken) or "all" (every reply complete, its body broken); REPRO_WORDS what repro's
# verdict line says after "REPRODUCED: " when a reply broke in transport.
run_matrix() {
    local mode="$1" kind="$2" target="$3" answered="${4:-none}" repro_words="${5:-}"
    local verify_says repro_says repro_verdict="" verify_codes=2 repro_codes=1 load_says="" load_codes=2
    local load_reason accounted=1 # accounted: load started, so it accounts for every request
    load_reason="$(not_tested_says "$kind")"
    local timeouts=("${timeouts[@]}")
    if [ "$kind" = too_large ]; then
        # The reply is refused when it passes the size cap (1 MiB for load, 8 MiB for verify and repro); how fast
        # the mock gets it there (slow under the sanitizers, and shared by several streams of a connection) must
        # not turn it into a timeout.
        timeouts=(--connect-timeout 1000 --timeout 60000)
    fi
    case "$answered" in
        none) verify_says="$(not_tested_says "$kind")"
              repro_says="^replay [0-9]+ +$kind: "
              repro_verdict="^verdict +REPRODUCED: $repro_words: [0-9]+ of [0-9]+ replies break the contract" ;;
        some) verify_says="^ +actual: +$kind: " verify_codes=1 load_codes=1 load_reason=""
              repro_says="^replay [0-9]+ +$kind: "
              repro_verdict="^verdict +REPRODUCED: $repro_words: [0-9]+ of [0-9]+ replies break the contract" ;;
        all) verify_says="^ +actual: " verify_codes=1 load_codes=1 load_reason=""
             load_says="^ +requests +[0-9]+ intended, [1-9][0-9]* answered" # every reply complete: answered
             repro_says="^replay [0-9]+ +200 " repro_verdict="^verdict +REPRODUCED: [0-9]+ of [0-9]+ replies" ;;
    esac
    case "$kind" in # an unreachable target is a setup error (exit 2): verify and repro say why, never "reproduced"
        tls) verify_says="^error: target unreachable: TLS handshake with [^ ]+ failed"
             repro_says="^error: the target could not be reached, so nothing was replayed: TLS handshake with "
             repro_codes=2 repro_verdict="" ;;
        connect) verify_says="^error: target unreachable: cannot connect to "
                 repro_says="^error: the target could not be reached, so nothing was replayed: cannot connect to "
                 repro_codes=2 repro_verdict="" ;;
        protocol-h2c) # a server of HTTP/1.1 only, asked for h2c: refused at set-up, in the harness's own words
                 verify_says="^error: the target speaks HTTP/1.1 only; use --http 1.1 or auto$"
                 load_says="^error: the target speaks HTTP/1.1 only; use --http 1.1 or auto$"
                 load_reason="" accounted=0
                 repro_says="^error: the target does not speak HTTP/2, so nothing was replayed"
                 repro_codes=2 repro_verdict=""
                 kind=protocol ;;
        alpn) # a TLS server without h2 in ALPN, with --http 2: a setup error everywhere, load before its time zero
              verify_says="^error: the server at [^ ]+ did not choose HTTP/2 by ALPN"
              load_says="^error: the server at [^ ]+ did not choose HTTP/2 by ALPN \(it chose nothing\)"
              load_reason="" accounted=0
              repro_says="^error: the target could not be reached, so nothing was replayed: the server at [^ ]+ did not choose HTTP/2 by ALPN"
              repro_codes=2 repro_verdict="" ;;
    esac
    check "verify-$mode" "$verify_says" "$verify_codes" "$bin" verify --target "$target" --project $project \
        --conversation $conversation --token-env CHAOS_TOKEN --suite conformance "${timeouts[@]}" "${trust[@]}" \
        "${http_flag[@]}"
    check "load-$mode" "${load_says:-^ +errors .*(^| )$kind:[1-9][0-9]*( |$)}" "$load_codes" "$bin" load --target "$target" \
        --project $project --conversation $conversation --token-env CHAOS_TOKEN --rate 20 --duration 1s \
        --connections 4 --no-progress "${timeouts[@]}" "${trust[@]}" "${http_flag[@]}" "${load_flag[@]}" \
        --json "$work/load-$mode.json" --hlog ''
    if [ -n "$load_reason" ]; then
        says "load-$mode" "$load_reason"
    fi
    if [ "$accounted" = 1 ]; then # a run that started accounts for every request (one refused at set-up has none)
        python3 - "$work/load-$mode.json" "$kind" <<'PY' || fail "load-$mode: accounting"
import json, re, sys
r = json.load(open(sys.argv[1]))
a = r["accounting"]
assert a["intended"] == 20 and a["accounted"] == a["intended"], a
kinds = [k for k, v in a["fates"].items() if v and re.fullmatch(sys.argv[2], k)]
assert kinds, a["fates"]
PY
    fi
    check "repro-$mode" "$repro_says" "$repro_codes" "$bin" repro --target "$target" --repeat 2 "${timeouts[@]}" "${trust[@]}" \
        "${http_flag[@]}" --curl \
        "curl http://h/v1/projects/$project/livechat/conversations/$conversation/messages/operator -H 'Authorization: Bearer $CHAOS_TOKEN' -H 'Content-Type: application/json' -d '{\"itemUuid\":\"1a445d9b-6a99-4eef-955c-b83d6ab52b68\"}'"
    if [ -n "$repro_verdict" ]; then
        says "repro-$mode" "$repro_verdict"
    fi
}

# FAULT|KIND|ANSWERED|REPRO_WORDS (run_matrix)
for spec in "reset|reset|none|reset before the headers" "truncate|reset|none|reset after the headers" \
    "broken_chunked|protocol|none|a broken body after the headers" "garbage|protocol|none|not an HTTP reply" \
    "hang|timeout|none|timed out before the headers" "drip=100|timeout|none|timed out before the headers" \
    "huge_body|too_large|none|a reply over the size cap" "reset,every=2|reset|some|reset before the headers" \
    "malformed_json|answered|all|"; do
    IFS='|' read -r fault kind answered words <<< "$spec"
    mock_up --fault "$fault"
    run_matrix "$(tr ',=' '--' <<< "$fault")" "$kind" "$url" "$answered" "$words"
    mock_down
done

# A TLS client against a plain server: the handshake fails.
mock_up
run_matrix tls-handshake "tls" "${url/http:/https:}"
mock_down
# Nobody listens: connection refused. The port is held, bound but not listening, by a process of this test, so
# that no other process can start listening on it meanwhile (as could happen to the port of a stopped mock).
spawn python3 -c 'import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
time.sleep(600)' > "$work/held-port"
holder=$spawned
wait_output "$work/held-port" "$holder"
run_matrix refused "connect" "http://127.0.0.1:$(cat "$work/held-port")"
stop "$holder"

# The same over HTTP/2 (h2c), load with several streams per connection: the faults act on streams (reset:
# RST_STREAM; the framing faults: RST_STREAM PROTOCOL_ERROR; both stream_reset), a header block beyond the
# client's SETTINGS_MAX_HEADER_LIST_SIZE is a settings_limit, and a server that speaks only HTTP/1.1 is told
# apart.
http_flag=(--http 2)
load_flag=(--streams 3)
for spec in "reset|stream_reset|stream reset before the headers" "garbage|stream_reset|stream reset before the headers" \
    "hang|timeout|timed out before the headers" "huge_body|too_large|a reply over the size cap" \
    "huge_headers|settings_limit|over a SETTINGS limit (before|after) the headers"; do
    IFS='|' read -r fault kind words <<< "$spec"
    mock_up --fault "$fault"
    run_matrix "h2-${fault%%=*}" "$kind" "$url" none "$words"
    mock_down
done
# A GOAWAY mid-run and a flow-control window that never opens, under a closed-loop load with several streams per
# connection: the cancelled and the stalled streams are classified (goaway, flow_control), the run still ends
# within its timeouts, and every request it sent is accounted for. Both targets answered, so both runs failed
# (exit 1): four replies in five complete before each GOAWAY; and the preflight's send, the first on its
# connection, went out before the server's SETTINGS closed the window and got its reply, though every stream of
# the run then stalled.
for spec in "goaway,every=5:goaway" "stall_window:flow_control"; do
    fault="${spec%%:*}"
    kind="${spec##*:}"
    mock_up --fault "$fault"
    check "load-h2-${fault%%,*}" "^ +errors .*(^| )$kind:[1-9][0-9]*( |$)" 1 "$bin" load --target "$url" \
        --project $project --conversation $conversation --token-env CHAOS_TOKEN --connections 2 --duration 1s \
        --no-progress "${timeouts[@]}" --http 2 --streams 4 --json "$work/load-h2-$kind.json" --hlog ''
    python3 - "$work/load-h2-$kind.json" "$kind" <<'PY' || fail "load-h2-$kind: accounting"
import json, sys
a = json.load(open(sys.argv[1]))["accounting"]
assert a["intended"] > 0 and a["accounted"] == a["intended"], a
assert a["fates"][sys.argv[2]] > 0, a["fates"]
PY
    mock_down
done
spawn python3 -c 'import http.server
server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
print(server.server_address[1], flush=True)
server.serve_forever()' > "$work/http1-port" 2> /dev/null
http1=$spawned
wait_output "$work/http1-port" "$http1"
run_matrix h2c-refused "protocol-h2c" "http://127.0.0.1:$(cat "$work/http1-port")"
stop "$http1"
# A TLS server that offers no h2 by ALPN (openssl s_server), with --http 2: refused at set-up, with the reason.
if command -v openssl > /dev/null; then
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
    tls_dir="$(dirname "${BASH_SOURCE[0]}")/../data/tls"
    spawn openssl s_server -quiet -www -accept "127.0.0.1:$port" -cert "$tls_dir/localhost.crt" -key "$tls_dir/localhost.key" \
        > "$work/s_server.log" 2>&1
    s_server=$spawned
    wait_port "$port" "$s_server"
    run_matrix alpn-without-h2 "alpn" "https://127.0.0.1:$port"
    stop "$s_server"
fi
echo "ok: chaos matrix"
