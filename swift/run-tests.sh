#!/usr/bin/env bash
# Swift tests from a clean clone. Debian bookworm has no Swift compiler, so this:
#   1. sets up (once; cached in UCS_SWIFT_CHROOT, default /var/cache/ucs-sdk/swift-trixie) a
#      Debian trixie chroot with `swiftlang` (swift/setup-chroot.sh; needs root),
#   2. builds libucs_uniffi.so and the emulator, generates the Swift bindings from the .so,
#   3. copies them with swift/Sources and swift/Tests into the chroot, compiles with swiftc,
#   4. starts the emulator OUTSIDE the chroot on loopback (the chroot shares the network
#      namespace) and runs the test program inside it; its last line is `N passed, 0 failed`.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
ROOT="${UCS_SWIFT_CHROOT:-/var/cache/ucs-sdk/swift-trixie}"
export UCS_SWIFT_CHROOT="$ROOT"
target="${CARGO_TARGET_DIR:-$repo/target}"

bash swift/setup-chroot.sh

cargo build --quiet -p ucs-sdk-uniffi
if [ -z "${UCS_BIN:-}" ]; then
    cargo build --quiet -p ucs-cli
    UCS_BIN="$target/debug/ucs"
fi

# A fresh build directory inside the chroot, named per run so parallel runs do not collide.
build_rel="ucs-build/$$"
build="$ROOT/$build_rel"
rm -rf "$build"
mkdir -p "$build/gen" "$build/lib"
cargo run --quiet -p ucs-sdk-uniffi --bin uniffi-bindgen -- generate --no-format \
    --library "$target/debug/libucs_uniffi.so" --language swift \
    --config bindings/uniffi/uniffi.toml --out-dir "$build/gen" >/dev/null
cp "$target/debug/libucs_uniffi.so" "$build/lib/"
python3 swift/patch-cancellation.py "$build/gen/ucs_uniffi.swift"
cp swift/Sources/*.swift "$build/gen/"
mkdir -p "$build/tests" && cp swift/Tests/*.swift "$build/tests/"
cp -r tests/cases/operations "$build/cases"

emulator_pid=""
cleanup() {
    if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; fi
    umount -l "$ROOT/proc" 2>/dev/null || true
    umount -l "$ROOT/dev" 2>/dev/null || true
    rm -rf "$build"
}
trap cleanup EXIT
mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
mountpoint -q "$ROOT/dev" || mount --bind /dev "$ROOT/dev"

echo "swift: compiling the bindings and tests" >&2
chroot "$ROOT" /bin/sh -c "cd /$build_rel && swiftc -swift-version 5 -module-name UcsSdkTests \
    -I gen -Xcc -fmodule-map-file=gen/ucs_modelsFFI.modulemap -Xcc -fmodule-map-file=gen/ucs_uniffiFFI.modulemap \
    gen/*.swift tests/*.swift -L lib -lucs_uniffi -Xlinker -rpath -Xlinker /$build_rel/lib \
    -o ucs-swift-tests 2>&1 | grep -v 'warning:' | grep -B2 -A6 'error:' >&2; test -x ucs-swift-tests"

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

echo "swift: running the tests against $base_url" >&2
chroot "$ROOT" /usr/bin/env UCS_BASE_URL="$base_url" UCS_CREDENTIALS="$credentials" UCS_CASES_DIR="/$build_rel/cases" \
    "/$build_rel/ucs-swift-tests"
