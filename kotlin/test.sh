#!/usr/bin/env bash
# Kotlin tests from a clean clone: builds the emulator (`ucs` CLI) unless UCS_BIN names one, then
# one Maven command builds the native library, generates and compiles the bindings and runs JUnit.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
. "$repo/scripts/ucs-bin.sh"
exec mvn -q -B -f kotlin/pom.xml verify "$@"
