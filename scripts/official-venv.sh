#!/usr/bin/env bash
# Creates (once) the virtualenv holding the OFFICIAL Huawei SDK, the oracle of the wire tests.
# Also the official `kubernetes` client, for the Karmada gateway tests. Prints the path of its python.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/target/venvs/official"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import huaweicloudsdkucs, kubernetes, pytest" 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check \
    "huaweicloudsdkcore==3.1.219" "huaweicloudsdkucs==3.1.219" "kubernetes==37.0.2" "pytest>=8" >&2
fi
echo "$venv/bin/python"
