#!/usr/bin/env bash
# The one benchmark command: builds release binaries, the Python wheel, the Node addon and the
# Kotlin package, starts the emulator on loopback (500 seeded clusters), measures every client in
# the same run and writes bench/RESULTS.md (medians and ratios) from bench/.work/results.jsonl.
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

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Starts an emulator (the command and its wrapper, e.g. taskset, in "$@") writing to file $1;
# returns once it listens (line 1: base URL, line 2: credentials).
start_emulator() {
    local out="$1"
    shift
    : > "$out"
    "$@" emulator --listen 127.0.0.1:0 --seed-clusters 500 --quota 1000 > "$out" 2>/dev/null &
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
done

step "where a big answer's time goes; Python import time and memory"
"$bench" decode "${targs[@]}" >> "$results"
"$venv/bin/python" bench/python_bench.py "$base" "$creds" "$cid" import memory >> "$results"

step "emulator: start-up, and GETs per second on one core"
"$bench" startup --ucs "$ucs" >> "$results"
start_emulator "$work/emulator-pinned.out" taskset -c 0 "$ucs"
base1="$(sed -n 1p "$work/emulator-pinned.out")"
taskset -c 1 "$bench" load --base "$base1" --ak "$ak" --sk "$sk" --domain-id "$domain" \
    --cluster-id "$cid" --connections 64 --seconds 3 >> "$results" || true

step "report"
python3 bench/report.py "$results" > bench/RESULTS.md
cat bench/RESULTS.md
