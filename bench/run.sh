#!/usr/bin/env bash
# The one benchmark command: builds release binaries, the Python wheel, the Node addon, the
# Kotlin package and the Swift package (in the Debian trixie chroot of swift/setup-chroot.sh;
# needs root), starts the emulator on loopback (500 seeded clusters), measures every client in
# the same run, then iterates a second emulator's 10,000 clusters (memory), and writes
# bench/RESULTS.md (medians and ratios) from bench/.work/results.jsonl.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
work="$repo/bench/.work"
mkdir -p "$work"
results="$work/results.jsonl"
: > "$results"
target="${CARGO_TARGET_DIR:-$repo/target}"

step() { printf '\n==== %s ====\n' "$*" >&2; }

step "build: release ucs (emulator) and ucs-bench"
cargo build --quiet --release -p ucs-cli -p ucs-bench
ucs="$target/release/ucs"
bench="$target/release/ucs-bench"

step "python: bench virtualenv (ucs_sdk wheel, official huaweicloudsdkucs, requests)"
venv="$target/venvs/bench"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check \
    "huaweicloudsdkcore==3.1.219" "huaweicloudsdkucs==3.1.219" requests
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps ./python

step "go: the official Go SDK's bench (huaweicloud-sdk-go-v3)"
(cd bench/go && go build -o "$work/go-bench" .)

step "kotlin: the Kotlin package with the release library, and its bench (official Java core)"
mvn -q -B -f kotlin/pom.xml install -DskipTests -Dcargo.profile=release -Dcargo.profile.dir=release
(cd bench/kotlin && mvn -q -B package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
kotlin_cp="bench/kotlin/target/ucs-sdk-bench-0.1.0.jar:$(cat bench/kotlin/target/classpath.txt)"

step "node: npm install (release addon)"
(cd node && npm install --no-audit --no-fund --loglevel=error >&2)
# Installs no longer build the addon (node/scripts/build-addon.cjs); `npm run build` does (release).
(cd node && npm run --silent build >&2)

step "swift: the Swift package with the release library, and its bench (URLSession by hand)"
# Laid out in the chroot as in the repository (bench/swift-bench finds the package at ../../dist/swift);
# the chroot shares the network namespace, so the bench reaches the emulator on loopback.
swift_root="${UCS_SWIFT_CHROOT:-/var/cache/ucs-sdk/swift-trixie}"
UCS_SWIFT_CHROOT="$swift_root" bash swift/setup-chroot.sh
swift_work="$swift_root/ucs-bench"
mkdir -p "$swift_work/bench/swift-bench"
PROFILE=release DIST="$swift_work/dist" bash scripts/package.sh swift
rm -rf "$swift_work/bench/swift-bench/Sources"
cp -r bench/swift-bench/Package.swift bench/swift-bench/Sources "$swift_work/bench/swift-bench/"
mountpoint -q "$swift_root/proc" || mount -t proc proc "$swift_root/proc"
mountpoint -q "$swift_root/dev" || mount --bind /dev "$swift_root/dev"
in_chroot() { chroot "$swift_root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root "$@"; }
if ! in_chroot /bin/sh -c "cd /ucs-bench/bench/swift-bench && swift build -c release" > "$work/swift-build.log" 2>&1; then
    grep -B2 -A6 'error:' "$work/swift-build.log" >&2 || tail -40 "$work/swift-build.log" >&2
    exit 1
fi
swift_bench=/ucs-bench/bench/swift-bench/.build/release/SwiftBench

pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    umount -l "$swift_root/proc" 2>/dev/null || true
    umount -l "$swift_root/dev" 2>/dev/null || true
}
trap cleanup EXIT

# Starts an emulator (the command and its wrapper, e.g. taskset, in "$@") writing to file $1;
# returns once it listens (line 1: base URL, line 2: credentials). SEED_CLUSTERS (default 500)
# clusters are registered at start; the quota allows twice as many.
start_emulator() {
    local out="$1" seed="${SEED_CLUSTERS:-500}"
    shift
    : > "$out"
    "$@" emulator --listen 127.0.0.1:0 --seed-clusters "$seed" --quota $((seed * 2)) > "$out" 2>/dev/null &
    pids+=($!)
    while [ "$(wc -l < "$out")" -lt 2 ]; do :; done
}

start_emulator "$work/emulator.out" "$ucs"
base="$(sed -n 1p "$work/emulator.out")"
creds="$(sed -n 2p "$work/emulator.out")"
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$creds" "$1"; }
ak="$(field ak)"; sk="$(field sk)"; domain="$(field domain_id)"
cid="$("$venv/bin/python" -c "
import sys; from ucs_sdk import Client
c = Client(endpoint=sys.argv[1], ak=sys.argv[2], sk=sys.argv[3], domain_id=sys.argv[4])
print(c.clusters.list(limit=1)['items'][0]['metadata']['uid'])" "$base" "$ak" "$sk" "$domain")"
targs=(--base "$base" --ak "$ak" --sk "$sk" --domain-id "$domain" --cluster-id "$cid")

# Rounds interleave the clients, so drift of the machine (a shared VM) hits them alike; the
# report keeps each row's median over the rounds.
rounds="${UCS_BENCH_ROUNDS:-3}"
for round in $(seq "$rounds"); do
    step "round $round of $rounds: Rust core, loopback limit, official Go SDK"
    "$bench" raw "${targs[@]}" >> "$results"
    "$bench" core "${targs[@]}" >> "$results"
    "$work/go-bench" "$base" "$ak" "$sk" "$domain" "$cid" >> "$results"
    step "round $round of $rounds: Python ucs_sdk, official SDK, requests by hand"
    "$venv/bin/python" bench/python_bench.py "$base" "$creds" "$cid" ours async official requests >> "$results"
    step "round $round of $rounds: Node ucs-sdk and fetch by hand"
    node bench/node_bench.mjs "$base" "$creds" "$cid" >> "$results"
    step "round $round of $rounds: Kotlin ucs-sdk and the official Java SDK's core"
    java -Djna.library.path="$target/release" \
        -Duniffi.component.ucs_uniffi.libraryOverride="$target/release/libucs_uniffi.so" \
        -cp "$kotlin_cp" bench.BenchKt "$base" "$creds" "$cid" >> "$results"
    step "round $round of $rounds: Swift ucs-sdk and URLSession by hand"
    in_chroot "$swift_bench" "$base" "$creds" "$cid" >> "$results"
done

step "where a big answer's time goes; Python import time and memory"
"$bench" decode "${targs[@]}" >> "$results"
"$venv/bin/python" bench/python_bench.py "$base" "$creds" "$cid" import memory >> "$results"

step "scale: iterating 10,000 clusters (pages of 500) in Rust, Python and Node: memory and time"
SEED_CLUSTERS=10000 start_emulator "$work/emulator-10k.out" "$ucs"
base10k="$(sed -n 1p "$work/emulator-10k.out")"
creds10k="$(sed -n 2p "$work/emulator-10k.out")"
"$bench" scale --base "$base10k" --ak "$ak" --sk "$sk" --domain-id "$domain" --expect 10000 >> "$results"
"$venv/bin/python" bench/python_bench.py "$base10k" "$creds10k" - scale >> "$results"
node bench/node_scale.mjs "$base10k" "$creds10k" 10000 >> "$results"
kill "${pids[-1]}" 2>/dev/null || true

step "emulator: start-up, and GETs per second on one core"
"$bench" startup --ucs "$ucs" >> "$results"
start_emulator "$work/emulator-pinned.out" taskset -c 0 "$ucs"
base1="$(sed -n 1p "$work/emulator-pinned.out")"
taskset -c 1 "$bench" load --base "$base1" --ak "$ak" --sk "$sk" --domain-id "$domain" \
    --cluster-id "$cid" --connections 64 --seconds 3 >> "$results" || true

step "report"
python3 bench/report.py "$results" > bench/RESULTS.md
cat bench/RESULTS.md
