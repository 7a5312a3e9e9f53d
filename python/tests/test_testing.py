"""ucs_sdk.testing, the helpers users' own tests get: the pytest fixture (registered through the
package's pytest11 entry point), the context manager, binary lookup, and the `ucs` console script."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import ucs_sdk
from ucs_sdk import testing


def test_the_fixture_comes_from_the_installed_plugin(request, ucs_emulator):
    plugin = request.config.pluginmanager.get_plugin("ucs_sdk")
    assert plugin is testing
    with ucs_emulator.client() as ucs:
        ucs.fleets.register({"metadata": {"name": "from-fixture"}})
        assert ucs.fleets.list()["total"] == 1


def test_the_fixture_resets_before_each_test(ucs_emulator):
    with ucs_emulator.client() as ucs:
        assert ucs.fleets.list()["total"] == 0


async def test_the_fixture_gives_async_clients(ucs_emulator):
    async with ucs_emulator.async_client() as ucs:
        await ucs.rules.create({"metadata": {"name": "r"}, "spec": {"type": "readonly"}})
        assert (await ucs.rules.list())["total"] == 1


def test_the_context_manager_stops_the_process_even_on_error():
    with pytest.raises(KeyError):
        with testing.emulator() as emu:
            with emu.client() as ucs:
                assert ucs.clusters.list()["total"] == 0
            raise KeyError("boom")
    assert emu.process.poll() is not None
    assert emu.credentials["sk"] not in repr(emu)


def test_control_calls_carry_the_control_token():
    with testing.emulator("--control-token", "tok-123") as emu:
        emu.control("POST", "faults/next", [{"status": 503, "times": 1}])
        assert len(emu.control("GET", "faults/next")) == 1  # type: ignore[arg-type]


def test_ucs_bin_naming_no_file_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("UCS_BIN", str(tmp_path / "missing"))
    with pytest.raises(testing.EmulatorError, match="UCS_BIN"):
        testing.emulator().__enter__()


def test_without_a_binary_the_error_says_where_to_get_one(monkeypatch, tmp_path):
    monkeypatch.delenv("UCS_BIN", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(testing, "bundled_binary", lambda: None)
    # A Python launcher named `ucs` on PATH (a source build's console script) is not the binary.
    launcher = tmp_path / "ucs"
    launcher.write_text("#!/bin/sh\nexit 1\n")
    launcher.chmod(0o755)
    with pytest.raises(testing.EmulatorError, match="UCS_BIN"):
        testing.binary()


def test_a_native_ucs_on_path_is_found(monkeypatch, tmp_path):
    real = os.environ["UCS_BIN"]
    monkeypatch.delenv("UCS_BIN")
    monkeypatch.setattr(testing, "bundled_binary", lambda: None)
    (tmp_path / "ucs").symlink_to(real)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert testing.binary() == str(tmp_path / "ucs")


def test_the_console_script_runs_ucs():
    script = Path(sys.executable).parent / "ucs"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert ucs_sdk.__version__ in result.stdout


def test_the_console_script_without_a_binary_explains(monkeypatch):
    env = {k: v for k, v in os.environ.items() if k != "UCS_BIN"}
    env["PATH"] = "/nonexistent"
    script = Path(sys.executable).parent / "ucs"
    if testing.bundled_binary():
        pytest.skip("this install bundles the binary")
    result = subprocess.run([sys.executable, str(script), "--version"], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "UCS_BIN" in result.stderr
