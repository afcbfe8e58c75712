#!/usr/bin/env bash
# scripts/demo-check.sh (root): runs `./harness.sh demo` as the README's first command does on a fresh Debian 12
# machine, and says what it installed and how long it took. A bare Debian 12 root (debootstrap --variant=minbase
# from the Debian archive, the tarball cached where scripts/package-check.sh keeps it) gets a clone of this
# repository's HEAD at /src, and `./harness.sh demo` runs there under chroot: it installs its package lists
# ([build] [runtime] [demo]), builds the binary alone (preset package) and runs the demo. Prints the packages
# apt added, the time of each phase and the demo's exit code; fails if the demo fails or a test peer or test
# library (nginx, Chromium, Java, clang, GoogleTest …) was installed. Not run by CI (about 10 minutes on 2 cores:
# a build from nothing); its figures are in the README.
#   sudo scripts/demo-check.sh
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mirror="${HARNESS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cache="$root_dir/build/package-check"
tarball="$cache/bookworm-minbase.tgz"
test_only='^(nginx|nginx-.*|chromium|chromium-.*|openjdk-.*|default-jre.*|clang|clang-[0-9]+|libgtest-dev|googletest|libbenchmark-dev|wrk|libhdrhistogram-java|stress-ng|libxml2-utils|nodejs|npm)$'

log() { printf '[demo-check] %s\n' "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }
[ "$(id -u)" = 0 ] || { log "needs root (debootstrap, chroot, mount)"; exit 2; }
command -v debootstrap >/dev/null || { log "needs debootstrap (apt-get install debootstrap)"; exit 2; }

work="$(mktemp -d /tmp/harness-demo-check.XXXXXX)"
chroot_dir="$work/root"
cleanup() {
    # Unmount before removing: rm -rf must never walk into the host's /proc or /dev.
    for mount_point in proc dev/pts dev; do
        if mountpoint -q "$chroot_dir/$mount_point" 2>/dev/null; then umount -l "$chroot_dir/$mount_point"; fi
    done
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
declare -A took
phase() { # NAME COMMAND...: runs and times one phase
    local name="$1" start
    shift
    start="$(now)"
    "$@"
    took[$name]="$(awk -v a="$start" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}')"
    log "$name: ${took[$name]} s"
}

make_tarball() {
    mkdir -p "$cache"
    debootstrap --variant=minbase --make-tarball="$tarball.part" bookworm "$work/download" "$mirror" > "$work/make-tarball.log" 2>&1 ||
        { cat "$work/make-tarball.log" >&2; fail "debootstrap --make-tarball"; }
    mv "$tarball.part" "$tarball"
}
[ -s "$tarball" ] || phase download make_tarball
unpack() {
    debootstrap --variant=minbase --unpack-tarball="$tarball" bookworm "$chroot_dir" "$mirror" > "$work/debootstrap.log" 2>&1 ||
        { cat "$work/debootstrap.log" >&2; fail "debootstrap"; }
}
phase debootstrap unpack

mount -t proc proc "$chroot_dir/proc"
mount --bind /dev "$chroot_dir/dev"
mount --bind /dev/pts "$chroot_dir/dev/pts"
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
# A clone, as a user's: committed files only, no build folder, no ccache.
git clone -q "$root_dir" "$chroot_dir/src"
in_root() { chroot "$chroot_dir" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
in_root dpkg-query -W -f='${Package}\n' | sort > "$work/before"

demo_code=0
# Each line of the demo's output stamped with the seconds since it started, to tell install, build and run apart.
stamp() {
    local start line
    start="$(date +%s)"
    while IFS= read -r line; do printf '%s %s\n' "$(($(date +%s) - start))" "$line"; done
}
run_demo() {
    set +o pipefail
    in_root sh -c 'cd /src && ./harness.sh demo; echo "demo-exit $?"' 2>&1 | stamp > "$work/demo.log"
    set -o pipefail
    demo_code="$(sed -n 's/^[0-9]* demo-exit //p' "$work/demo.log")"
}
phase demo run_demo

in_root dpkg-query -W -f='${Package}\n' | sort > "$work/after"
comm -13 "$work/before" "$work/after" > "$work/added"
added_kib="$(in_root dpkg-query -W -f='${Installed-Size}\n' $(cat "$work/added") | awk '{s += $1} END {print s}')"
build_started="$(grep -m1 -E '^[0-9]+ \[harness.sh\] building' "$work/demo.log" | cut -d' ' -f1 || true)"
build_ended="$(grep -m1 -E '^[0-9]+ \[[0-9]+/[0-9]+\] Linking CXX executable harness/cli/harness' "$work/demo.log" | cut -d' ' -f1 || true)"
tail -n 15 "$work/demo.log" | sed 's/^/  demo: /' >&2
[ "${demo_code:-1}" = 0 ] || { tail -n 60 "$work/demo.log" >&2; fail "./harness.sh demo exited $demo_code"; }
peers="$(grep -E "$test_only" "$work/added" | tr '\n' ' ' || true)"
[ -z "$peers" ] || fail "the demo installed test peers or test libraries: $peers"
echo "./harness.sh demo on a fresh Debian 12 root (debootstrap minbase): exit 0 in ${took[demo]} s;" \
    "apt added $(wc -l < "$work/added") packages ($((added_kib / 1024)) MiB), none of them a test peer or test library" \
    "(packages installed by ${build_started:-?} s, the binary built by ${build_ended:-?} s, then the demo ran)"
