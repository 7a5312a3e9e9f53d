#!/usr/bin/env bash
# Node tests from a clean clone: `npm install` in node/ (which builds the addon), then node's
# test runner against `ucs emulator` processes, and the tsc check.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
. "$repo/scripts/ucs-bin.sh"
cd "$repo/node"
echo "node: npm install (builds the addon)" >&2
npm install --no-audit --no-fund --loglevel=error
exec npm test --silent
