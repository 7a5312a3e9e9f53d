#!/usr/bin/env bash
# Swift tests from a clean clone, with SwiftPM. Debian bookworm has no Swift compiler, so this:
#   1. sets up (once; cached in UCS_SWIFT_CHROOT, default /var/cache/ucs-sdk/swift-trixie) a
#      Debian trixie chroot with `swiftlang` (swift/setup-chroot.sh; needs root),
#   2. writes the Swift package into the chroot with `scripts/package.sh swift` (dev profile):
#      Package.swift, the generated bindings, libucs_uniffi.so, bin/ucs and the XCTest tests,
#   3. starts the emulator OUTSIDE the chroot on loopback (the chroot shares the network
#      namespace), then runs `swift build` and `swift test` in the package inside the chroot,
#      with UCS_BASE_URL and UCS_CREDENTIALS naming the emulator. The last lines are XCTest's
#      summary (`Executed N tests, with 0 failures`). SwiftPM needs no network: no dependencies.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
ROOT="${UCS_SWIFT_CHROOT:-/var/cache/ucs-sdk/swift-trixie}"
export UCS_SWIFT_CHROOT="$ROOT"

bash swift/setup-chroot.sh
. scripts/ucs-bin.sh

# A fresh build directory inside the chroot, named per run so parallel runs do not collide.
build_rel="ucs-build/$$"
build="$ROOT/$build_rel"
rm -rf "$build"
mkdir -p "$build"

emulator_pid=""
cleanup() {
    if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; fi
    umount -l "$ROOT/proc" 2>/dev/null || true
    umount -l "$ROOT/dev" 2>/dev/null || true
    rm -rf "$build"
}
trap cleanup EXIT

PROFILE=dev DIST="$build" bash scripts/package.sh swift
package="/$build_rel/swift"

mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
mountpoint -q "$ROOT/dev" || mount --bind /dev "$ROOT/dev"

# In the chroot: HOME for SwiftPM's caches, and no proxy (it must not fetch anything).
in_chroot() {
    chroot "$ROOT" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root "$@"
}

echo "swift: swift build (the UcsSdk package)" >&2
started=$(date +%s)
# Only errors are shown: the generated bindings warn in Swift 6 compilers' concurrency checks.
if ! in_chroot /bin/sh -c "cd $package && swift build --build-tests" >"$build/build.log" 2>&1; then
    grep -B2 -A6 'error:' "$build/build.log" >&2 || tail -40 "$build/build.log" >&2
    exit 1
fi
echo "swift: built in $(( $(date +%s) - started )) s" >&2

# The emulator, outside the chroot: line 1 base URL, line 2 demo credentials (JSON).
fifo="$(mktemp -u)"
mkfifo "$fifo"
"$UCS_BIN" emulator --listen 127.0.0.1:0 --federation-seconds 0 >"$fifo" &
emulator_pid=$!
exec 3<"$fifo"
rm -f "$fifo"
read -r base_url <&3
read -r credentials <&3
# Keep draining the emulator's stdout.
cat <&3 >/dev/null &

echo "swift: swift test against $base_url" >&2
set +e
in_chroot UCS_BASE_URL="$base_url" UCS_CREDENTIALS="$credentials" \
    /bin/sh -c "cd $package && swift test --skip-build --disable-swift-testing" 2>&1 | tee "$build/test.log" | grep -v '^Test Case .* started at'
status=${PIPESTATUS[0]}
set -e
# XCTest's summary, last: the whole run's line.
grep -E 'Executed [0-9]+ tests?, with [0-9]+ failures?' "$build/test.log" | tail -1
exit "$status"
