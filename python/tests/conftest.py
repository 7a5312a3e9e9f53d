"""Starts one `ucs emulator` process for the session (a real HTTP server) and resets its state
before each test. UCS_BIN names the binary; by default the workspace's debug build."""
from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from pathlib import Path

import pytest

from ucs_sdk import AsyncClient, Client

ROOT = Path(__file__).resolve().parents[2]


class Emulator:
    def __init__(self, *extra_args: str) -> None:
        binary = os.environ.get("UCS_BIN") or str(ROOT / "target" / "debug" / "ucs")
        if not os.access(binary, os.X_OK):
            raise RuntimeError(f"emulator binary {binary} missing: run `cargo build -p ucs-cli`")
        self.process = subprocess.Popen(
            [binary, "emulator", "--listen", "127.0.0.1:0", "--federation-seconds", "0", *extra_args],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.base_url = self.process.stdout.readline().strip().rstrip("/")
        self.credentials = json.loads(self.process.stdout.readline())

    def control(self, method: str, path: str, body: object = None) -> object:
        data = json.dumps(body if body is not None else {}).encode()
        request = urllib.request.Request(
            f"{self.base_url}/_emulator/{path}",
            data=data if method != "GET" else None,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read() or b"null")

    def options(self, **overrides: object) -> dict:
        c = self.credentials
        options = {
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

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


@pytest.fixture(scope="session")
def emulator():
    emu = Emulator()
    yield emu
    emu.stop()


@pytest.fixture(autouse=True)
def fresh(emulator):
    emulator.control("POST", "reset")
    yield
    emulator.control("POST", "reset")


@pytest.fixture
def client(emulator):
    with Client(**emulator.options()) as c:
        yield c


@pytest.fixture
async def aclient(emulator):
    async with AsyncClient(**emulator.options()) as c:
        yield c


def attached(name: str) -> dict:
    """A valid registration: an attached private Kubernetes cluster in Beijing."""
    return {
        "metadata": {"name": name},
        "spec": {
            "category": "attachedcluster",
            "type": "privatek8s",
            "provider": "privatek8s",
            "country": "CN",
            "city": "110000",
            "manageType": "discrete",
        },
    }


def rule(name: str, kind: str = "readonly") -> dict:
    return {"metadata": {"name": name}, "spec": {"type": kind}}
