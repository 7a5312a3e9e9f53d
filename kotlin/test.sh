#!/usr/bin/env bash
# Kotlin tests from a clean clone: builds the emulator (`ucs` CLI) unless UCS_BIN names one, then
# one Maven command builds the native library, generates and compiles the bindings and runs JUnit.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
if [ -z "${UCS_BIN:-}" ]; then
    cargo build --quiet -p ucs-cli
    export UCS_BIN="$repo/target/debug/ucs"
fi
exec mvn -q -B -f kotlin/pom.xml verify "$@"
