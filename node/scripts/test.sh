#!/usr/bin/env bash
# Node tests from a clean clone: `npm install` in node/ (the dev tools), `npm run build` (the
# addon, into native/), then node's test runner against `ucs emulator` processes, and the tsc check.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
. "$repo/scripts/ucs-bin.sh"
cd "$repo/node"
echo "node: npm install and npm run build (the addon)" >&2
npm install --no-audit --no-fund --loglevel=error
npm run --silent build
exec npm test --silent
