"""Process-level behaviour: fork, Ctrl-C."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from ucs_sdk import Client, ConfigError


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_forked_child_uses_a_new_client(client, emulator):
    assert client.rules.list()["total"] == 0  # the parent's runtime and pool are live
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: report through the pipe, never return into pytest
        code = 1
        try:
            try:
                client.rules.list()
                outcome = "old client worked"
            except ConfigError as e:
                outcome = "old client refused: " + str(e)
            fresh = Client(**emulator.options())
            total = fresh.rules.list()["total"]
            os.write(write, f"{outcome}|{total}".encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    report = os.read(read, 4096).decode()
    os.close(read)
    assert os.waitstatus_to_exitcode(status) == 0, report
    outcome, total = report.split("|")
    assert outcome.startswith("old client refused: ") and "fork" in outcome
    assert total == "0"
    # The parent is unaffected.
    assert client.rules.list()["total"] == 0


def test_ctrl_c_interrupts_a_blocking_call(emulator):
    # The emulator holds the answer for ten minutes; SIGINT must end the call long before.
    emulator.control("POST", "faults/next", [{"latency_ms": 600_000, "path_prefix": "/v1/clusters"}])
    script = textwrap.dedent(
        f"""
        import signal
        import sys
        # A shell that starts jobs in the background leaves SIGINT ignored, and Python keeps it
        # so; a terminal would deliver it: install Python's handler as a terminal session has it.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        from ucs_sdk import Client
        c = Client(**{emulator.options()!r})
        try:
            print("calling", flush=True)
            c.clusters.list()
            print("returned", flush=True)
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            sys.exit(3)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "calling"
    # Whether the signal lands before or during the call, it must end it with KeyboardInterrupt;
    # a call that ignored it would hold the test for the ten minutes.
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate()
    assert child.returncode == 3, out
    assert "interrupted" in out and "returned" not in out
