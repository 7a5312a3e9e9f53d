"""Starts one `ucs emulator` process for the session (a real HTTP server, through the package's
own `ucs_sdk.testing` helper) and resets its state before each test. UCS_BIN names the binary
(scripts/test.sh sets it to the workspace's debug build)."""
from __future__ import annotations

import pytest

from ucs_sdk import AsyncClient, Client, testing


def Emulator(*extra_args: str) -> testing.Emulator:
    """An emulator process from the package's own test helper, `ucs_sdk.testing`."""
    return testing.start(*extra_args)


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
