"""Secrets never show in repr, errors or logs; the core's events reach `logging`."""
from __future__ import annotations

import logging

import pytest

from ucs_sdk import Client, UcsError


def test_repr_shows_no_secret(emulator):
    secret_options = emulator.options(password="hunter2-password", user="u", token="tok-secret")
    for options in (emulator.options(), secret_options):
        c = Client(**options)
        text = repr(c) + str(c)
        for secret in (emulator.credentials["sk"], "hunter2-password", "tok-secret"):
            assert secret not in text, text


def test_logs_go_to_the_ucs_sdk_logger_without_secrets(emulator, caplog):
    sk = emulator.credentials["sk"]
    caplog.set_level(logging.DEBUG, logger="ucs_sdk")
    emulator.control("POST", "faults/next", [{"status": 503, "times": 1}])
    c = Client(**emulator.options(max_retries=2))
    assert c.clusters.list()["total"] == 0
    records = [r for r in caplog.records if r.name == "ucs_sdk"]
    assert records, "a retried call logs"
    text = "\n".join(r.getMessage() for r in records)
    assert "503" in text or "retry" in text.lower(), text
    assert sk not in text
    caplog.set_level(logging.WARNING, logger="ucs_sdk")


def test_error_messages_show_no_secret(emulator):
    bad = "wrong-secret-value-123"
    c = Client(**emulator.options(sk=bad, max_retries=0))
    with pytest.raises(UcsError) as e:
        c.clusters.list()
    assert bad not in str(e.value) + repr(e.value)
