"""Starts `ucs emulator` as a separate process for the official-SDK compatibility tests."""
import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def emulator():
    binary = os.environ.get("UCS_BIN", str(REPO / "target" / "debug" / "ucs"))
    proc = subprocess.Popen([binary, "emulator", "--listen", "127.0.0.1:0", "--federation-seconds", "0"],
                            stdout=subprocess.PIPE, text=True)
    try:
        base = proc.stdout.readline().strip()
        creds = json.loads(proc.stdout.readline())
        assert base.startswith("http://"), f"emulator printed {base!r}"
        yield {"base": base, **creds}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
