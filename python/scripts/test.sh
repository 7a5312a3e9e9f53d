#!/usr/bin/env bash
# Python tests from a clean clone: `pip install ./python[test]` into a fresh virtualenv (the
# maturin build of the abi3 wheel), then pytest against a `ucs emulator` process.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
. "$repo/scripts/ucs-bin.sh"
venv="${CARGO_TARGET_DIR:-$repo/target}/venvs/python-test"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
echo "python: pip install ./python[test] (builds the wheel)" >&2
"$venv/bin/pip" install --quiet "./python[test]"
# Run from outside python/ so `ucs_sdk` resolves to the installed package, not the sources.
cd "$repo/python/tests"
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
