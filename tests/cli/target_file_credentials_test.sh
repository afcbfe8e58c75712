#!/usr/bin/env bash
# target_file_credentials_test.sh BIN
# A target file names every credential variable (issue 25, row 8); a run reads only those its suites or its mix
# use. The variables of the others are not set here: a run that does not use them passes, a run that does is exit 2
# naming the flag and the variable (a name, never a value).
set -uo pipefail
bin="$1"
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh" # $work, spawn, stop, fail, run_bin, start_mock
source "$(dirname "${BASH_SOURCE[0]}")/builtin_ids.sh" # $builtin_project, $builtin_token, … of the mock's fixtures
export ROW8_TOKEN=$builtin_token
unset ROW8_SECOND ROW8_OTHER ROW8_EXPIRED

start_mock gateway
cat > "$work/target.yaml" <<EOF
url: $url_gateway
project: $builtin_project
conversation: $builtin_conversation
token_env: ROW8_TOKEN
second_caller_token_env: ROW8_SECOND
other_project_token_env: ROW8_OTHER
expired_token_env: ROW8_EXPIRED
EOF
unset_variable='names an environment variable that is not set'

run_bin 0 verify-conformance verify --target-file "$work/target.yaml" --suite conformance
grep -q "^PASSED: " "$work/verify-conformance.log" || fail "verify --suite conformance: $(tail -n 5 "$work/verify-conformance.log")"
# --suite none runs the scenario files only: this one sends the valid token alone.
cat > "$work/valid.yaml" <<'EOF'
suite: valid-only
cases:
  - name: a valid send is stored
    steps:
      - request: {json: {itemUuid: "${uuid}", text: "Hello", idempotencyKey: "${uuid}"}}
        expect: {status: 200}
EOF
run_bin 0 verify-none verify --target-file "$work/target.yaml" --suite none --scenario "$work/valid.yaml"
grep -q "^PASSED: 1 passed" "$work/verify-none.log" || fail "verify --suite none: $(tail -n 5 "$work/verify-none.log")"
run_bin 0 load-valid load --target-file "$work/target.yaml" --rate 50 --duration 1s --no-progress
grep -q "$unset_variable" "$work/load-valid.log" && fail "load read a credential it does not send"

# The suites that use them: exit 2 naming the flag and the variable.
run_bin 2 verify-auth verify --target-file "$work/target.yaml" --suite auth
grep -q "^error: the other project's token: --other-project-token-env $unset_variable (ROW8_OTHER)$" \
    "$work/verify-auth.log" || fail "verify --suite auth: $(cat "$work/verify-auth.log")"
run_bin 2 verify-idempotency verify --target-file "$work/target.yaml" --suite idempotency
grep -q "^error: the second caller's token: --second-caller-token-env $unset_variable (ROW8_SECOND)$" \
    "$work/verify-idempotency.log" || fail "verify --suite idempotency: $(cat "$work/verify-idempotency.log")"
# A scenario that names ${expired_token} in a header without `requires:` uses it too.
cat > "$work/expired.yaml" <<'EOF'
suite: expired
cases:
  - name: an expired token is refused
    steps:
      - request:
          headers: {Authorization: "Bearer ${expired_token}"}
          json: {itemUuid: "${uuid}", text: "Hello"}
        expect: {status: 401}
EOF
run_bin 2 verify-expired verify --target-file "$work/target.yaml" --suite none --scenario "$work/expired.yaml"
grep -q "^error: the expired token: --expired-token-env $unset_variable (ROW8_EXPIRED)$" "$work/verify-expired.log" ||
    fail "a scenario naming \${expired_token}: $(cat "$work/verify-expired.log")"
run_bin 2 load-expired load --target-file "$work/target.yaml" --mix new=9,expired_token=1 --rate 50 --duration 1s \
    --no-progress
grep -q "^error: the expired token: --expired-token-env $unset_variable (ROW8_EXPIRED)$" "$work/load-expired.log" ||
    fail "load --mix with expired_token: $(cat "$work/load-expired.log")"
echo "a target file requires only the credentials the chosen suites and mix use"
