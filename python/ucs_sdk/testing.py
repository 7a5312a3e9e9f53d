"""Test helpers for your own tests, in the style of moto: run the bundled `ucs emulator` (a
local UCS, HSS and IAM) on a free loopback port and get clients connected to it.

    from ucs_sdk.testing import emulator

    with emulator() as emu:
        with emu.client() as ucs:
            ucs.fleets.register({"metadata": {"name": "prod"}})

With pytest installed, the `ucs_emulator` fixture (registered as a pytest plugin when the
package is installed) gives one emulator per test session, reset before every test.

The binary is `UCS_BIN` when set, else the `ucs` shipped in the wheel, else `ucs` on `PATH`.
"""
from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from ._client import AsyncClient, Client

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Iterator, Optional, Sequence

__all__ = ["Emulator", "EmulatorError", "binary", "emulator", "ucs_emulator"]

_EXE = "ucs.exe" if os.name == "nt" else "ucs"


class EmulatorError(RuntimeError):
    """The emulator binary is missing or the process did not start."""


def bundled_binary() -> Optional[str]:
    """The `ucs` binary shipped in the wheel, or None in a build from source."""
    path = Path(__file__).resolve().parent / "_bin" / _EXE
    return str(path) if path.is_file() and os.access(path, os.X_OK) else None


def _is_native(path: str) -> bool:
    # The `ucs` console script of a build from source is a Python launcher over a missing
    # binary: running it as the emulator would only fail, so skip it on PATH.
    try:
        with open(path, "rb") as f:
            return f.read(2) != b"#!"
    except OSError:
        return False


def binary() -> str:
    """The `ucs` binary the helpers run: `UCS_BIN`, else the bundled one, else `ucs` on PATH."""
    explicit = os.environ.get("UCS_BIN")
    if explicit:
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise EmulatorError(f"UCS_BIN={explicit!r} is not an executable file")
        return explicit
    bundled = bundled_binary()
    if bundled:
        return bundled
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(directory, _EXE)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK) and _is_native(candidate):
            return candidate
    raise EmulatorError(
        "no `ucs` binary: this ucs_sdk was built from source without one; "
        "set UCS_BIN to a `ucs` built with `cargo build -p ucs-cli`, or put it on PATH"
    )


class Emulator:
    """A running `ucs emulator` process: its `base_url`, demo `credentials` and clients."""

    def __init__(
        self,
        process: subprocess.Popen[str],
        base_url: str,
        credentials: Dict[str, Any],
        control_token: Optional[str] = None,
    ) -> None:
        self.process = process
        self.base_url = base_url
        self.credentials = credentials
        self._control_token = control_token

    def __repr__(self) -> str:  # the credentials stay out of reprs
        return f"Emulator(base_url={self.base_url!r}, pid={self.process.pid})"

    def options(self, **overrides: Any) -> Dict[str, Any]:
        """Client keyword arguments for this emulator (every service's endpoint, the demo
        account's AK/SK), with `overrides` applied."""
        c = self.credentials
        options: Dict[str, Any] = {
            "endpoint": self.base_url,
            "hss_endpoint": self.base_url,
            "iam_endpoint": self.base_url,
            "ak": c["ak"],
            "sk": c["sk"],
            "domain_id": c["domain_id"],
            "project_id": c["project_id"],
        }
        options.update(overrides)
        return options

    def client(self, **overrides: Any) -> Client:
        return Client(**self.options(**overrides))

    def async_client(self, **overrides: Any) -> AsyncClient:
        return AsyncClient(**self.options(**overrides))

    def control(self, method: str, path: str, body: object = None) -> object:
        """Calls the emulator's control API, `/_emulator/{path}` (reset, faults, ...)."""
        data = json.dumps(body if body is not None else {}).encode()
        headers = {"Content-Type": "application/json"}
        if self._control_token is not None:
            headers["X-Emulator-Token"] = self._control_token
        request = urllib.request.Request(
            f"{self.base_url}/_emulator/{path.lstrip('/')}",
            data=data if method.upper() != "GET" else None,
            method=method.upper(),
            headers=headers,
        )
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read() or b"null")

    def reset(self) -> None:
        """Forgets every resource, fault and quota change."""
        self.control("POST", "reset")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def start(*args: str, binary_path: Optional[str] = None) -> Emulator:
    """Starts an emulator on a free loopback port; `args` are extra `ucs emulator` flags
    (`--fault-*`, `--federation-seconds N`, ...). Call `stop()` when done, or use `emulator()`."""
    exe = binary_path or binary()
    command = [exe, "emulator", "--listen", "127.0.0.1:0", "--federation-seconds", "0", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().rstrip("/")
        line = process.stdout.readline()
        if not base_url.startswith("http") or not line:
            raise EmulatorError(f"`{' '.join(command)}` exited with {process.wait()} before it listened")
        credentials = json.loads(line)
    except BaseException:
        if process.poll() is None:
            process.kill()
        process.wait()
        raise
    return Emulator(process, base_url, credentials, _flag_value(args, "--control-token"))


def _flag_value(args: Sequence[str], flag: str) -> Optional[str]:
    for i, arg in enumerate(args):
        if arg == flag and i + 1 < len(args):
            return str(args[i + 1])
        if arg.startswith(flag + "="):
            return str(arg[len(flag) + 1 :])
    return None


@contextmanager
def emulator(*args: str, binary_path: Optional[str] = None) -> Iterator[Emulator]:
    """A context manager over `start()`: the process is stopped on exit, even on error."""
    emu = start(*args, binary_path=binary_path)
    try:
        yield emu
    finally:
        emu.stop()


try:
    import pytest
except ImportError:  # pytest is optional: the context manager works without it
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    @pytest.fixture(scope="session")
    def ucs_emulator_session() -> Iterator[Emulator]:
        """One emulator process for the whole test session."""
        with emulator() as emu:
            yield emu

    @pytest.fixture
    def ucs_emulator(ucs_emulator_session: Emulator) -> Iterator[Emulator]:
        """The session's emulator, reset before the test: `ucs_emulator.client()` connects."""
        ucs_emulator_session.reset()
        yield ucs_emulator_session
else:
    ucs_emulator = None
