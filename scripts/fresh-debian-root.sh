# Sourced by scripts/package-check.sh and scripts/demo-check.sh: a fresh Debian 12 root to prove something on.
# The caller sets root_dir and check_name first. This file checks for root and debootstrap, makes the work
# folder ($work, removed on exit with everything mounted in it), and defines:
#   log, fail           messages prefixed [check_name]; fail exits 1
#   phase NAME CMD...   runs CMD, timing it into took[NAME]
#   make_fresh_root     debootstrap --variant=minbase bookworm into $chroot_dir (the download cached as a
#                       tarball under build/package-check/, so a second run only unpacks it), /proc, /dev and
#                       /dev/pts mounted, the host's resolv.conf copied in
#   in_root CMD...      CMD under chroot with a bare environment
mirror="${HARNESS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cache="$root_dir/build/package-check"
tarball="$cache/bookworm-minbase.tgz"

log() { printf '[%s] %s\n' "$check_name" "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }
[ "$(id -u)" = 0 ] || { log "needs root (debootstrap, chroot, mount)"; exit 2; }
command -v debootstrap >/dev/null || { log "needs debootstrap (apt-get install debootstrap)"; exit 2; }

work="$(mktemp -d "/tmp/harness-$check_name.XXXXXX")"
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
unpack() {
    debootstrap --variant=minbase --unpack-tarball="$tarball" bookworm "$chroot_dir" "$mirror" > "$work/debootstrap.log" 2>&1 ||
        { cat "$work/debootstrap.log" >&2; fail "debootstrap"; }
}
make_fresh_root() {
    [ -s "$tarball" ] || phase download make_tarball
    phase debootstrap unpack
    mount -t proc proc "$chroot_dir/proc"
    mount --bind /dev "$chroot_dir/dev"
    mount --bind /dev/pts "$chroot_dir/dev/pts"
    cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
}
in_root() { chroot "$chroot_dir" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
