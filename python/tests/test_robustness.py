"""Input that used to kill the interpreter: arguments too deep, too large or holding themselves
are refused with InvalidArgumentError naming the path, and a Rust panic arrives as
InternalError (a UcsError) on sync and async calls, the interpreter running on."""
from __future__ import annotations

import asyncio
import math
import os

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

import ucs_sdk
from ucs_sdk import Client, _native
from ucs_sdk.errors import InternalError, InvalidArgumentError, UcsError

OFFLINE = {"endpoint": "http://127.0.0.1:9", "ak": "AK", "sk": "SK", "domain_id": "d", "max_retries": 0}


@pytest.fixture(autouse=True)
def fresh():
    """These tests need no emulator (overrides conftest's reset)."""
    yield


def nested_list(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def test_deep_values_are_refused_naming_the_path():
    with Client(**OFFLINE) as c:
        for depth in (129, 100_000):
            with pytest.raises(InvalidArgumentError) as info:
                c.clusters.register({"spec": nested_list(depth)})
            assert "128 levels" in str(info.value)
            assert info.value.field.startswith("body.spec[0][0][0]")
            assert info.value.field.endswith("...") and len(info.value.field) < 130
    # 128 levels are fine.
    assert _native._roundtrip(nested_list(127)) == nested_list(127)


def test_cycles_are_refused_naming_the_path():
    looped: list = [1]
    looped.append(looped)
    selfish: dict = {"a": {}}
    selfish["a"]["b"] = selfish
    with Client(**OFFLINE) as c:
        with pytest.raises(InvalidArgumentError) as info:
            c.clusters.register({"metadata": {"labels": looped}})
        assert info.value.field == "body.metadata.labels[1]"
        assert "cycle" in str(info.value)
        with pytest.raises(InvalidArgumentError) as info:
            c.clusters.list(clusterids=selfish)  # a query value
        assert info.value.field == "clusterids.a.b"
    # The same object twice, not inside itself, is no cycle.
    shared = [1, 2]
    assert _native._roundtrip([shared, shared]) == [[1, 2], [1, 2]]


def test_huge_values_are_refused():
    with pytest.raises(InvalidArgumentError) as info:
        _native._roundtrip([0] * 1_000_001)
    assert "1000000 values" in str(info.value)


JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8)
)
VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: st.lists(children, max_size=4)
    | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=40,
)


def expected(value):
    """What JSON makes of a value, or None when it cannot be sent."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value if -(2**63) <= value < 2**64 else None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            e = expected(v)
            if e is None and v is not None:
                return None
            out[k] = e
        return out
    items = []
    for v in value:
        e = expected(v)
        if e is None and v is not None:
            return None
        items.append(e)
    return items


def test_arbitrary_values_round_trip_or_are_refused(capsys):
    cases = int(os.environ.get("UCS_PROPTEST_CASES", "500"))
    seen = []
    client = Client(**OFFLINE)

    @seed(20261201)
    @settings(max_examples=cases, deadline=None, database=None)
    @given(VALUES)
    def check(value):
        seen.append(1)
        want = expected(value)
        if want is None and value is not None:
            with pytest.raises(InvalidArgumentError):
                _native._roundtrip(value)
        else:
            assert _native._roundtrip(value) == want
        # As a real call argument: refused or sent (to a closed port), always a UcsError.
        with pytest.raises(UcsError):
            client.clusters.register({"metadata": {"name": "x"}, "spec": value})

    check()
    client.close()
    with capsys.disabled():
        print(f"\nconversion property: {len(seen)} cases (UCS_PROPTEST_CASES={cases})")
    assert len(seen) >= min(cases, 100)


@pytest.fixture
def panics(monkeypatch):
    monkeypatch.setenv("UCS_SDK_TEST_PANIC", "1")


def test_a_panic_is_an_internal_error_sync(panics):
    with Client(**OFFLINE) as c:
        for attempt in range(2):  # the interpreter and the client keep working
            try:
                c._native.call("clusters", "__panic_for_tests", [], None, None)
            except ucs_sdk.UcsError as e:
                assert isinstance(e, InternalError)
                assert "__panic_for_tests" in str(e)
            else:
                pytest.fail("no error")
        with pytest.raises(InternalError):
            c._native.pages("__panic_for_tests", None)
        # An ordinary call still works (and fails as usual, offline).
        with pytest.raises(ucs_sdk.ConnectionError):
            c.clusters.get("0b5c7b93-5a33-11ee-a3ff-0255ac100b0a")


async def test_a_panic_is_an_internal_error_async(panics):
    async with ucs_sdk.AsyncClient(**OFFLINE) as c:
        try:
            await c._native.call_async("clusters", "__panic_for_tests", [], None, None)
        except Exception as e:  # noqa: BLE001 - `except Exception` must catch it
            assert isinstance(e, InternalError) and isinstance(e, UcsError)
        else:
            pytest.fail("no error")
        with pytest.raises(ucs_sdk.ConnectionError):
            await c.clusters.get("0b5c7b93-5a33-11ee-a3ff-0255ac100b0a")


def test_the_hook_is_off_without_its_variable(monkeypatch):
    monkeypatch.delenv("UCS_SDK_TEST_PANIC", raising=False)
    with Client(**OFFLINE) as c:
        with pytest.raises(InvalidArgumentError):
            c._native.call("clusters", "__panic_for_tests", [], None, None)


def test_a_wrong_typed_secret_names_the_option_not_the_value():
    for option in ("sk", "password", "security_token", "token"):
        with pytest.raises(InvalidArgumentError) as info:
            Client(endpoint="http://127.0.0.1:9", ak="AK", user="u", **{option: 12345678})
        assert info.value.field == option
        assert "expected a string" in str(info.value)
        assert "12345678" not in str(info.value) and "12345678" not in repr(info.value)
