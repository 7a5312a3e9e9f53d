#!/usr/bin/env bash
# The Swift package in a fresh environment: `scripts/package.sh swift` (dev profile, for CI's
# time) writes it into the Debian trixie chroot (swift/setup-chroot.sh; needs root), then a
# consumer package (swift/smoke) depending on it by path runs `swift build` and `swift test`
# there, with no Rust toolchain (the chroot has none) and no library path: libucs_uniffi.so and
# the `ucs` its UcsEmulator helper starts come with the package. The scenario registers a cluster
# and a fleet, lists clusters, checks NotFound.
. "$(dirname "$0")/smoke-common.sh"
ROOT="${UCS_SWIFT_CHROOT:-/var/cache/ucs-sdk/swift-trixie}"
export UCS_SWIFT_CHROOT="$ROOT"
bash swift/setup-chroot.sh

# The work folder is inside the chroot (smoke_work's folder is not), per run.
work_rel="ucs-smoke/$$"
work="$ROOT/$work_rel"
rm -rf "$work"
mkdir -p "$work"
cleanup() {
    umount -l "$ROOT/proc" 2>/dev/null || true
    umount -l "$ROOT/dev" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "smoke: building the Swift package (dev profile)" >&2
PROFILE=dev DIST="$work/dist" bash scripts/package.sh swift
cp -r swift/smoke "$work/consumer"

mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
mountpoint -q "$ROOT/dev" || mount --bind /dev "$ROOT/dev"
(
    export PATH="$no_rust_path"
    assert_no_rust
    # A user's environment: no UCS_BIN, no LD_LIBRARY_PATH, no emulator named by the test scripts.
    in_chroot() {
        chroot "$ROOT" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root "$@"
    }
    in_chroot /bin/sh -c '! command -v cargo && ! command -v rustc' >/dev/null ||
        { echo "smoke: a Rust toolchain is on the chroot's PATH" >&2; exit 1; }
    consumer="/$work_rel/consumer"
    echo "smoke: swift build of the consumer" >&2
    if ! in_chroot /bin/sh -c "cd $consumer && swift build --build-tests" >"$work/build.log" 2>&1; then
        grep -B2 -A6 'error:' "$work/build.log" >&2 || tail -40 "$work/build.log" >&2
        exit 1
    fi
    app="$consumer/.build/debug/SmokeApp"
    # The library must be the package's, found through the rpath Package.swift sets.
    resolved="$(in_chroot ldd "$app" | awk '/libucs_uniffi/ {print $3}')"
    [ "$resolved" = "/$work_rel/dist/swift/lib/libucs_uniffi.so" ] ||
        { echo "smoke: SmokeApp loads libucs_uniffi from '$resolved', not the package's lib/" >&2; exit 1; }
    in_chroot "$app"
    in_chroot /bin/sh -c "cd $consumer && swift test --skip-build --disable-swift-testing" >"$work/test.log" 2>&1 ||
        { cat "$work/test.log" >&2; exit 1; }
    grep -E 'Executed [0-9]+ tests?, with 0 failures' "$work/test.log" | tail -1
)
