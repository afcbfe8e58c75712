#!/usr/bin/env bash
# report markdown|junit: fixed run results render exactly to their golden Markdown files, JUnit output is
# well-formed XML (--junit-per-check: verify's own shape), and a file that is not a result is a usage error.
set -uo pipefail
bin="$1"
data="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
for name in verify-failed load-threshold-failed; do
    "$bin" report markdown "$data/results/$name.json" -o "$work/$name.md" > /dev/null || fail "$name: markdown failed"
    diff -u "$data/results/$name.md" "$work/$name.md" || fail "$name: Markdown differs from the golden file"
    "$bin" report junit "$data/results/$name.json" -o "$work/$name.xml" > /dev/null || fail "$name: junit failed"
    xmllint --noout --schema "$data/junit/junit.xsd" "$work/$name.xml" 2> "$work/xmllint.txt" ||
        fail "$name: JUnit does not validate against tests/data/junit/junit.xsd: $(cat "$work/xmllint.txt")"
    grep -q "<failure" "$work/$name.xml" || fail "$name: the failed run's JUnit has no failure"
done
# report junit --junit-per-check renders a verify result in the shape verify --junit-per-check wrote, byte for
# byte; without it the shape is one testcase per case; a load result has one shape, so the flag is refused.
"$bin" verify --suite auth --mock-fault drift=code_null --junit-per-check --junit "$work/per-check.xml" \
    --json "$work/per-check.json" > /dev/null
[ $? = 1 ] || fail "verify against the drifting mock did not exit 1"
"$bin" report junit "$work/per-check.json" --junit-per-check -o "$work/rendered.xml" > /dev/null ||
    fail "report junit --junit-per-check failed"
diff -u "$work/per-check.xml" "$work/rendered.xml" || fail "report junit --junit-per-check differs from verify's"
"$bin" report junit "$work/per-check.json" -o "$work/per-case.xml" > /dev/null || fail "report junit failed"
[ "$(grep -c '<testcase ' "$work/per-case.xml")" -lt "$(grep -c '<testcase ' "$work/rendered.xml")" ] ||
    fail "report junit --junit-per-check did not write a testcase per check"
"$bin" report junit "$data/results/load-threshold-failed.json" --junit-per-check -o "$work/load.xml" \
    > /dev/null 2> "$work/err"; code=$?
[ "$code" = 2 ] && grep -q "load result" "$work/err" && [ ! -e "$work/load.xml" ] ||
    fail "report junit --junit-per-check of a load result exited $code: $(cat "$work/err")"
"$bin" report markdown /etc/hostname -o "$work/x.md" > /dev/null 2>&1; code=$?
[ "$code" = 2 ] || fail "a non-result file exited $code"
# --report-dir writes every format at once.
"$bin" verify --suite auth --report-dir "$work/reports" > /dev/null || fail "verify --report-dir failed"
timeout 60 "$bin" load --rate 200 --duration 1s --no-progress --json '' --hlog '' --report-dir "$work/reports" > /dev/null ||
    fail "load --report-dir failed"
for file in verify.json verify.junit.xml verify.md verify.html load.json load.hlog load.junit.xml load.md load.html; do
    [ -s "$work/reports/$file" ] || fail "--report-dir did not write $file"
done
grep -q "harness verify: ✅ passed" "$work/reports/verify.md" || fail "verify.md does not say it passed"
for file in verify.junit.xml load.junit.xml; do
    xmllint --noout --schema "$data/junit/junit.xsd" "$work/reports/$file" 2> /dev/null || fail "$file does not validate"
done
echo "report markdown/junit: golden files match; --report-dir writes every format"
