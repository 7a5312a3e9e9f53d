"""The `ucs` console script: runs the `ucs` binary shipped in the wheel with the same arguments."""
from __future__ import annotations

import os
import subprocess
import sys


def main() -> None:
    from .testing import EmulatorError, binary

    try:
        exe = binary()
    except EmulatorError as e:
        sys.stderr.write(f"ucs: {e}\n")
        raise SystemExit(1) from None
    argv = [exe, *sys.argv[1:]]
    if os.name == "nt":  # no exec on Windows: run it and pass its exit code on
        raise SystemExit(subprocess.call(argv))
    os.execv(exe, argv)
