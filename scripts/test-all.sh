#!/usr/bin/env bash
# Runs every test of the project, every language, against the emulator. The README's test command.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CARGO_TERM_COLOR=never

step() { printf '\n==== %s ====\n' "$*"; }

step "install"
bash scripts/install.sh --all

step "rust: format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings

step "rust: build the ucs binary (the emulator every language's tests start)"
cargo build -p ucs-cli
export UCS_BIN="$root/target/debug/ucs"

step "rust: unit and integration tests"
# Successful tests' output is shown too, so the log carries the hardening figures below.
cargo test --workspace --exclude ucs-sdk-python --exclude ucs-sdk-node -- --show-output 2>&1 |
  tee target/rust-tests.log

step "hardening figures: property tests, emulator fuzzing, Rust fault soak, crash safety, error codes"
# Each figure must be there: grep fails the run when one is missing.
for figure in 'proptest [a-z_]+: [0-9]+ cases' 'fuzz: [0-9].*' 'fault soak \(rust\).*' \
  'crash safety: .*' 'error codes: .*'; do
  grep -oE "$figure" target/rust-tests.log
done

step "signer: a fresh set of 1,200 requests signed by the official huaweicloudsdkcore"
official_python="$(bash scripts/official-venv.sh)"
seed="$(date +%s)"
"$official_python" tests/signer/gen_vectors.py --seed "$seed" --count 1200 > target/signer-vectors-live.jsonl
echo "seed $seed"
UCS_SIGNER_VECTORS="$root/target/signer-vectors-live.jsonl" cargo test -p ucs-sdk --test signer_official

step "official Python SDK against the emulator"
"$official_python" -m pytest -q tests/official

step "official Go SDK against the emulator"
(cd tests/official/go && go test ./...)

for suite in python/scripts/test.sh node/scripts/test.sh kotlin/test.sh swift/run-tests.sh; do
  if [ -f "$suite" ]; then
    step "$suite"
    bash "$suite"
  fi
done

step "API reference: rustdoc, pdoc, TypeDoc, Dokka, every operation documented in each (scripts/docs.sh)"
bash scripts/docs.sh --check

step "python: the wheel in a fresh virtualenv without Rust, and the sdist from source"
bash scripts/smoke-python.sh
step "kotlin: the jar by Maven coordinates in a consumer project without Rust"; bash scripts/smoke-kotlin.sh
step "swift: the SwiftPM package as a path dependency of a consumer package, in the chroot without Rust"; bash scripts/smoke-swift.sh
step "cli: the ucs archive unpacked without Rust: completions, man page, a scenario, exit codes"; bash scripts/smoke-cli.sh
step "node: the npm tarballs in a fresh folder without Rust"; bash scripts/smoke-node.sh

step "the READMEs' examples, as written, against the emulator"
python3 tests/readme/run_examples.py

step "all test suites passed"
