#!/usr/bin/env bash
# Sets up (once) a Debian trixie chroot with the `swiftlang` package, cached outside the repository.
# Debian bookworm has no Swift compiler; trixie packages one. Reused as-is when already complete.
#
#   UCS_SWIFT_CHROOT   where the chroot lives (default /var/cache/ucs-sdk/swift-trixie)
#   DEBIAN_MIRROR      apt mirror (default http://deb.debian.org/debian)
set -euo pipefail

ROOT="${UCS_SWIFT_CHROOT:-/var/cache/ucs-sdk/swift-trixie}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
PACKAGES="swiftlang libc6-dev ca-certificates"
READY="$ROOT/.ucs-sdk-ready"

if [ -f "$READY" ] && [ "$(cat "$READY")" = "$PACKAGES" ] && [ -x "$ROOT/usr/bin/swiftc" ]; then
    echo "swift chroot: cached at $ROOT" >&2
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "swift chroot: setting up $ROOT needs root (debootstrap, chroot)" >&2
    exit 1
fi

if ! command -v debootstrap >/dev/null 2>&1; then
    echo "swift chroot: installing debootstrap on the host" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

started=$(date +%s)
# A half-made chroot (interrupted run) is started over.
if [ -d "$ROOT" ] && [ ! -f "$ROOT/.ucs-sdk-bootstrapped" ]; then
    echo "swift chroot: removing incomplete $ROOT" >&2
    for m in proc dev/pts dev sys; do umount -l "$ROOT/$m" 2>/dev/null || true; done
    rm -rf --one-file-system "$ROOT"
fi
if [ ! -f "$ROOT/.ucs-sdk-bootstrapped" ]; then
    echo "swift chroot: debootstrap trixie into $ROOT" >&2
    mkdir -p "$ROOT"
    debootstrap --variant=minbase trixie "$ROOT" "$MIRROR" >&2
    touch "$ROOT/.ucs-sdk-bootstrapped"
fi

echo "swift chroot: apt-get install swiftlang libc6-dev" >&2
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
mount_fs() {
    mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
}
mount_fs
trap 'umount -l "$ROOT/proc" 2>/dev/null || true' EXIT
chroot "$ROOT" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
chroot "$ROOT" /usr/bin/env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends $PACKAGES >&2
chroot "$ROOT" apt-get clean
chroot "$ROOT" swiftc --version >&2
echo "$PACKAGES" > "$READY"
echo "swift chroot: ready in $(( $(date +%s) - started )) s" >&2
