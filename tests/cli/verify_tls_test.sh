#!/usr/bin/env bash
# verify against an HTTPS mock whose certificate is signed by a CA made here: accepted with --cacert, refused
# without it (exit 2, saying why), accepted with --insecure. Also: a real-target run with flags and token
# variables, where cases needing a credential that is not given are skipped, never passed.
set -euo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, stop, fail, start_mock; stops the mocks on exit

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out "$work/ca.crt" -days 2 \
    -subj "/CN=harness test CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$work/server.key" -out "$work/server.csr" -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$work/san.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial \
    -out "$work/server.crt" -days 2 -extfile "$work/san.ext" 2>/dev/null

start_mock tls --tls-cert "$work/server.crt" --tls-key "$work/server.key"
url=$url_tls
[[ "$url" == https://127.0.0.1:* ]] || fail "the mock does not serve HTTPS: $url"
port="${url##*:}"
fixtures="$("$bin" mock --print-fixtures)"
field() { grep -m1 "$1" <<<"$fixtures" | sed 's/.*"\(.*\)".*/\1/'; }
export VERIFY_TOKEN="$(field 'token:')"
project="$(field 'uuid:')"
conversation="$(field '      - ')"
common=(verify --project "$project" --conversation "$conversation" --token-env VERIFY_TOKEN --suite conformance)

set +e
timeout 60 "$bin" "${common[@]}" --target "https://localhost:$port" --cacert "$work/ca.crt" > "$work/with-ca" 2>&1
code_ca=$?
timeout 60 "$bin" "${common[@]}" --target "https://localhost:$port" > "$work/without-ca" 2>&1
code_none=$?
timeout 60 "$bin" "${common[@]}" --target "https://127.0.0.1:$port" --insecure > "$work/insecure" 2>&1
code_insecure=$?
timeout 60 "$bin" "${common[@]}" --target "https://127.0.0.1:$port" --cacert "$work/ca.crt" > "$work/by-ip" 2>&1
code_ip=$?
set -e
[ "$code_ca" = 0 ] || fail "with --cacert: exit $code_ca: $(tail -5 "$work/with-ca")"
[ "$code_none" = 2 ] || fail "without --cacert: exit $code_none, expected 2"
grep -q "certificate verify failed" "$work/without-ca" || fail "no reason given: $(cat "$work/without-ca")"
grep -q "^error: the target's certificate was refused: .*(give --cacert CA.pem when a private CA signed it, or --insecure" \
    "$work/without-ca" || fail "a refused certificate does not suggest --cacert and --insecure: $(cat "$work/without-ca")"
[ "$code_insecure" = 0 ] || fail "with --insecure: exit $code_insecure"
[ "$code_ip" = 0 ] || fail "by IP address with --cacert: exit $code_ip: $(tail -3 "$work/by-ip")"

# A real-target run over all suites with only the main token: cases needing other credentials are skipped.
set +e
# (A profile without a latency budget: this test bounds no time.)
timeout 60 "$bin" verify --target "https://localhost:$port" --cacert "$work/ca.crt" --project "$project" \
    --conversation "$conversation" --token-env VERIFY_TOKEN --junit "$work/junit.xml" \
    --profile "$(dirname "${BASH_SOURCE[0]}")/../data/profiles/no-latency-budget.yaml" > "$work/all" 2>&1
code_all=$?
set -e
[ "$code_all" = 0 ] || fail "all suites with one token: exit $code_all: $(grep -A4 FAIL "$work/all" | head -20)"
grep -q "skip  valid token without the project  (needs other_project_token" "$work/all" ||
    fail "a case without its credential was not reported as skipped"
grep -q '<skipped message="needs second_token' "$work/junit.xml" || fail "JUnit does not mark the skipped case"
grep -q "$VERIFY_TOKEN" "$work/all" "$work/junit.xml" && fail "the token appears in the output"
stop "$pid_tls" || fail "the mock did not exit cleanly on SIGTERM: $(tail -n 5 "$work/tls.err")"

# Mutual TLS: the mock requires a client certificate signed by the CA; verify presents one.
openssl req -newkey rsa:2048 -nodes -keyout "$work/client.key" -out "$work/client.csr" -subj "/CN=harness client" 2>/dev/null
openssl x509 -req -in "$work/client.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial \
    -out "$work/client.crt" -days 2 2>/dev/null
start_mock mtls --tls-cert "$work/server.crt" --tls-key "$work/server.key" --tls-client-ca "$work/ca.crt"
port="${url_mtls##*:}"
set +e
timeout 60 "$bin" "${common[@]}" --target "https://localhost:$port" --cacert "$work/ca.crt" \
    --client-cert "$work/client.crt" --client-key "$work/client.key" > "$work/mtls" 2>&1
code_mtls=$?
timeout 60 "$bin" "${common[@]}" --target "https://localhost:$port" --cacert "$work/ca.crt" > "$work/no-client-cert" 2>&1
code_no_cert=$?
set -e
[ "$code_mtls" = 0 ] || fail "mTLS with a client certificate: exit $code_mtls: $(tail -3 "$work/mtls")"
[ "$code_no_cert" != 0 ] || fail "mTLS without a client certificate was accepted"
stop "$pid_mtls" || fail "the mTLS mock did not exit cleanly on SIGTERM: $(tail -n 5 "$work/mtls.err")"
echo "verify over TLS: all checks passed"
