#!/usr/bin/env bash
# package-check.sh [DEB]: the Debian package proved on a clean machine. Builds it (./harness.sh package) unless
# DEB is given, creates a fresh Debian 12 root with debootstrap (minbase, from the Debian archive; the download
# is cached as a tarball under build/package-check/, so a second run only unpacks it), installs the package with
# `apt-get install ./harness_*.deb` (apt resolves Depends against the bare system), and runs `harness verify`
# and a short `harness load` against the built-in mock inside it. Every phase is timed; the installed size and
# the packages apt added are printed, and any test peer among them fails the check. Needs root (debootstrap,
# chroot, mount). Everything it mounts or creates outside build/ is removed on exit.
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The test peers a package for users must never pull in (the [test] and [bench] sections' servers and tools).
test_peers='^(nginx|nginx-.*|chromium|chromium-.*|openjdk-.*|nghttp2-client|clang|clang-[0-9]+|curl|wrk|python3|python3\..*|libgtest-dev|.*-dev)$'

check_name=package-check
source "$root_dir/scripts/fresh-debian-root.sh"

build_package() {
    deb="$("$root_dir/harness.sh" package | tail -n 1)"
}
if [ $# -ge 1 ]; then deb="$(realpath "$1")"; else phase package build_package; fi
[ -f "$deb" ] || fail "no package at $deb"
log "package: $deb ($(du -k "$deb" | cut -f1) KiB)"

make_fresh_root
cp "$deb" "$chroot_dir/tmp/"
in_root dpkg-query -W -f='${Package}\n' | sort > "$work/before"

apt_update() { in_root apt-get update -qq > "$work/apt-update.log" 2>&1 || { cat "$work/apt-update.log" >&2; fail "apt-get update"; }; }
phase apt-update apt_update
install_deb() {
    (cd "$chroot_dir/tmp" && in_root sh -c "cd /tmp && DEBIAN_FRONTEND=noninteractive apt-get install -y ./$(basename "$deb")") \
        > "$work/apt-install.log" 2>&1 || { cat "$work/apt-install.log" >&2; fail "apt-get install ./$(basename "$deb")"; }
}
phase install install_deb
first_verify() { in_root sh -c 'cd /tmp && harness verify' > "$work/verify.log" 2>&1 || { cat "$work/verify.log" >&2; fail "harness verify"; }; }
phase verify first_verify
short_load() {
    in_root sh -c "cd /tmp && harness load --rate 200 --duration 2s --warmup 0s --no-progress --json '' --hlog ''" \
        > "$work/load.log" 2>&1 || { cat "$work/load.log" >&2; fail "harness load"; }
}
phase load short_load
grep -m1 -E '^(PASSED|FAILED)|passed|failed' "$work/verify.log" | sed 's/^/  verify: /' >&2 || true

in_root dpkg-query -W -f='${Package}\n' | sort > "$work/after"
comm -13 "$work/before" "$work/after" > "$work/added"
peers="$(grep -E "$test_peers" "$work/added" | tr '\n' ' ' || true)"
[ -z "$peers" ] || fail "the package pulled in test peers or -dev packages: $peers"
for path in /usr/bin/harness /usr/share/man/man1/harness.1.gz /usr/share/bash-completion/completions/harness \
    /usr/share/harness/contracts/operator-message.openapi.yaml; do
    [ -e "$chroot_dir$path" ] || fail "$path is not installed"
done
version="$(in_root harness --version)"
harness_kib="$(in_root dpkg-query -W -f='${Installed-Size}' harness)"
# shellcheck disable=SC2046
added_kib="$(in_root dpkg-query -W -f='${Installed-Size}\n' $(cat "$work/added") | awk '{s += $1} END {print s}')"
total="$(awk -v a="${took[install]}" -v b="${took[verify]}" 'BEGIN {printf "%.1f", a + b}')"

# What `./harness.sh demo` would install on this same fresh system (build + runtime + demo), against the whole
# list that every command installed before the list was split (all sections but [bench]), simulated by apt.
simulate() { # SECTION...
    local section
    # shellcheck disable=SC2046
    in_root apt-get install -s --no-install-recommends $(for section in "$@"; do
        awk -v want="[$section]" '/^\[/ {s = $1; next} s == want && !/^[[:space:]]*(#|$)/ {print $1}' \
            "$root_dir/scripts/debian-packages.txt"; done) 2>/dev/null | grep -c '^Inst '
}
demo_count="$(simulate build runtime demo)"
all_count="$(simulate build runtime demo test-build test)"

cat <<REPORT
package check on a fresh Debian 12 root (debootstrap minbase, $mirror)
  $version, $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB
  phases: ${took[package]:+package ${took[package]} s, }${took[download]:+download ${took[download]} s, }debootstrap ${took[debootstrap]} s, apt-get update ${took[apt-update]} s, apt-get install ${took[install]} s, verify ${took[verify]} s, load ${took[load]} s
  apt-get install ./$(basename "$deb") to the first verify verdict: $total s
  installed: harness $harness_kib KiB; with what apt added, $(wc -l < "$work/added") packages, $added_kib KiB
  added: $(tr '\n' ' ' < "$work/added")
  no test peer, no -dev package among them
  ./harness.sh demo would install $demo_count packages on this system; every section but [bench] (the one list of before): $all_count
REPORT
