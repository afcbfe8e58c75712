#!/usr/bin/env bash
# package_contents_test.sh BUILD_DIR: the Debian package cpack makes from this build (no recompilation: cpack
# installs the binary already built) holds /usr/bin/harness, its man page, its bash completion and the bundled
# files under /usr/share/harness, and its Depends (computed by dpkg-shlibdeps) names no -dev package and none of
# the test peers. scripts/package-check.sh installs the package on a fresh Debian 12 root; this is its cheap half.
set -uo pipefail
build_dir="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A Depends entry that is a -dev package or a test peer ("libfoo-dev (>= 1)", "nginx | nginx-light" ...).
forbidden_in() { # DEPENDS: prints the forbidden packages it names
    tr ',|' '\n\n' <<<"$1" | awk '{print $1}' |
        grep -E '(-dev$|^(nginx.*|chromium.*|openjdk-.*|nghttp2-client|clang.*|curl|wrk|python3.*)$)'
}
# The filter itself must catch what it is for, or a green run proves nothing.
[ "$(forbidden_in 'libc6 (>= 2.34), libssl-dev (>= 3), nginx | nginx-light, curl' | tr '\n' ' ')" = \
    "libssl-dev nginx nginx-light curl " ] || fail "the Depends filter misses a forbidden package"
[ -z "$(forbidden_in 'libc6 (>= 2.34), libcurl4 (>= 7), libssl3 (>= 3.0.0)')" ] ||
    fail "the Depends filter rejects a runtime library"

cpack -G DEB -B "$work/out" --config "$build_dir/CPackConfig.cmake" > "$work/cpack.log" 2>&1 ||
    fail "cpack failed: $(cat "$work/cpack.log")"
deb="$(ls "$work"/out/harness_*.deb 2> /dev/null | head -n 1)"
[ -n "$deb" ] || fail "cpack made no harness_*.deb: $(cat "$work/cpack.log")"

dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' > "$work/contents"
for path in /usr/bin/harness /usr/share/man/man1/harness.1.gz /usr/share/bash-completion/completions/harness \
    /usr/share/harness/contracts/operator-message.openapi.yaml /usr/share/harness/contracts/profile.yaml \
    /usr/share/harness/scenarios/conformance.yaml /usr/share/harness/scenarios/auth.yaml \
    /usr/share/harness/scenarios/idempotency.yaml /usr/share/harness/scenarios/protocols.yaml \
    /usr/lib/systemd/system/harness-mock.service; do
    grep -qx "$path" "$work/contents" || fail "the package lacks $path"
done
# The shared mock's unit is shipped disabled: no maintainer script enables or starts it.
dpkg-deb -e "$deb" "$work/control"
if grep -rqsE 'systemctl|deb-systemd' "$work/control"; then fail "a maintainer script enables the mock's unit"; fi
[ "$(dpkg-deb -f "$deb" Package)" = harness ] || fail "package name: $(dpkg-deb -f "$deb" Package)"
depends="$(dpkg-deb -f "$deb" Depends)"
grep -q 'libboost-json1\.81\.0' <<<"$depends" || fail "Depends was not computed from the binary: $depends"
bad="$(forbidden_in "$depends" | tr '\n' ' ')"
[ -z "$bad" ] || fail "Depends names $bad: $depends"

# The files the package generated are what they claim: this binary's version, a man page with every subcommand,
# a completion script that completes.
dpkg-deb -x "$deb" "$work/root"
version="$("$work/root/usr/bin/harness" --version)"
grep -qE '^harness [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12}|unknown)\)$' <<<"$version" || fail "--version: $version"
zcat "$work/root/usr/share/man/man1/harness.1.gz" > "$work/harness.1"
grep -q '^\.TH HARNESS 1' "$work/harness.1" || fail "the man page has no .TH header"
for sub in "contract show" "verify" "load" "report merge" "repro"; do
    grep -q "^\.SS \"harness $sub\"" "$work/harness.1" || fail "the man page has no section for harness $sub"
done
completion="$work/root/usr/share/bash-completion/completions/harness"
complete_words() { # WORD...: what the completion offers after `harness WORD...`
    bash -c 'source "$1"; shift; COMP_WORDS=(harness "$@"); COMP_CWORD=$(($# )); _harness; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$completion" "$@"
}
# Each offer is captured whole before grep reads it: grep -q stops at its first match, and under pipefail the
# writer's SIGPIPE would fail a right answer now and then.
offers="$(complete_words ver)"
[ "$offers" = verify ] || fail "harness ver<TAB> offers: $offers"
offers="$(complete_words contract "")"
grep -qx show <<<"$offers" || fail "harness contract <TAB> does not offer show: $offers"
offers="$(complete_words load --rate 100 --dur)"
grep -qx -- --duration <<<"$offers" || fail "harness load ... --dur<TAB> does not offer --duration: $offers"
offers="$(complete_words "")"
grep -qx verify <<<"$offers" || fail "harness <TAB> does not offer verify: $offers"
grep -qx completion <<<"$offers" && fail "the hidden completion subcommand is offered"
echo "package: $(basename "$deb") holds the binary, man page, completion and /usr/share/harness; Depends: $depends"
