"""Fault soak: a few thousand calls against an emulator injecting random 5xx, 429 with
Retry-After, dropped connections and latency. Its request log then shows that no POST ran twice
and no retry came before Retry-After; every idempotent call ends, by its deadline, in a success
or a fault-caused typed error. UCS_SOAK_CALLS raises the call count (default 2000)."""
from __future__ import annotations

import asyncio
import json
import math
import os
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Awaitable, Dict, List, Optional, Tuple

import pytest

from conftest import Emulator
from ucs_sdk import ApiError, AsyncClient, ConnectionError, TimeoutError, UcsError

RETRY_AFTER_SECS = 1  # the emulator sends whole seconds
WORKERS = 16  # sequential callers side by side; each one's calls use paths no other caller uses
UNITS_PER_CLIENT = 20  # a fresh client per this many units keeps its retry budget far from empty
DEADLINE_S = 15.0
CREATE_PATH = "/v1/clustergroups"


@dataclass
class Outcome:
    method: str
    path: str
    error: Optional[UcsError]
    elapsed: float


@pytest.fixture
def faulty(tmp_path):
    log = tmp_path / "requests.jsonl"
    emu = Emulator("--quota", "100000", "--request-log", str(log))
    emu.control(
        "PUT",
        "faults",
        {"error_rate": 0.05, "throttle_rate": 0.02, "retry_after_secs": RETRY_AFTER_SECS, "latency_ms": 1, "drop_rate": 0.03},
    )
    # A few scripted faults first, so every kind is seen even in a short run.
    emu.control(
        "POST",
        "faults/next",
        [
            {"status": 429, "retry_after_secs": RETRY_AFTER_SECS, "method": "GET", "times": 3},
            {"drop": True, "method": "POST", "times": 3},
            {"drop": True, "method": "DELETE", "times": 2},
            {"status": 503, "method": "PUT", "times": 2},
        ],
    )
    yield emu, log
    emu.stop()


async def timed(out: List[Outcome], method: str, path: str, call: Awaitable[Any]) -> Any:
    started = time.monotonic()
    try:
        value = await call
        error = None
    except UcsError as e:
        value, error = None, e
    out.append(Outcome(method, path, error, time.monotonic() - started))
    return value if error is None else None


async def unit(c: AsyncClient, out: List[Outcome], created: List[str], name: str) -> None:
    made = await timed(out, "POST", CREATE_PATH, c.fleets.register({"metadata": {"name": name}}))
    if made is None:
        return
    created.append(name)
    fid = made["uid"]
    fleet = f"{CREATE_PATH}/{fid}"
    await timed(out, "GET", fleet, c.fleets.get(fid))
    await timed(out, "PUT", f"{fleet}/description", c.fleets.update_description(fid, {"description": name}))
    enable = f"{fleet}/federations"
    await timed(out, "POST", enable, c.fleets.enable_federation(fid))
    enabled = out[-1].error
    # An enable that ended in a timeout or a lost connection may have run; an error answer means it did not.
    maybe_enabled = enabled is None or not isinstance(enabled, ApiError)
    if enabled is None:
        await timed(out, "GET", f"{enable}/progress", c.fleets.federation_progress(fid))
    # A federated fleet cannot be deleted (UCS.01080002): take the federation down first (the
    # job takes no time here).
    if maybe_enabled:
        await timed(out, "DELETE", enable, c.fleets.disable_federation(fid))
    await timed(out, "DELETE", fleet, c.fleets.delete(fid))


async def worker(emu: Emulator, w: int, calls: int) -> Tuple[List[Outcome], List[str]]:
    """One worker's units, in turn, until it made `calls` calls: each unit has a fleet of its own."""
    out: List[Outcome] = []
    created: List[str] = []
    done = 0
    while len(out) < calls:
        async with AsyncClient(**emu.options(max_retries=8, timeout=DEADLINE_S)) as c:
            for _ in range(UNITS_PER_CLIENT):
                if len(out) >= calls:
                    break
                await unit(c, out, created, f"soak-{w}-{done}")
                done += 1
    return out, created


def fault_caused(e: UcsError) -> bool:
    if isinstance(e, (TimeoutError, ConnectionError)):
        return True
    return isinstance(e, ApiError) and e.status_code is not None and (e.status_code == 429 or e.status_code >= 500)


def refusal_explained(o: Outcome, outcome_of: Dict[Tuple[str, str], Outcome]) -> bool:
    """A refusal an earlier fault of the same fleet's unit explains: disabling a federation an
    enable ending in a fault never made (UCS.01080006), or deleting a fleet whose disable a fault
    stopped, so it is still federated (UCS.01080002)."""

    def failed_by_fault(method: str, path: str) -> bool:
        before = outcome_of.get((method, path))
        return before is not None and before.error is not None and fault_caused(before.error)

    code = getattr(o.error, "error_code", None)
    if o.method != "DELETE":
        return False
    if code == "UCS.01080006" and o.path.endswith("/federations"):
        return failed_by_fault("POST", o.path)
    if code == "UCS.01080002":
        return failed_by_fault("DELETE", f"{o.path}/federations")
    return False


async def test_fault_soak_keeps_posts_single_and_waits_for_retry_after(faulty, capsys):
    emu, log = faulty
    calls = int(os.environ.get("UCS_SOAK_CALLS", "2000"))
    started = time.monotonic()
    results = await asyncio.gather(
        *(worker(emu, w, calls // WORKERS + (1 if w < calls % WORKERS else 0)) for w in range(WORKERS))
    )
    soak_time = time.monotonic() - started
    outcomes = [o for out, _ in results for o in out]
    created = [n for _, names in results for n in names]
    entries: List[Dict[str, Any]] = [json.loads(line) for line in log.read_text().splitlines()]

    # Every idempotent call ended by its deadline, in a success or an error the faults explain.
    idempotent = [o for o in outcomes if o.method != "POST"]
    failed = [o for o in idempotent if o.error is not None]
    outcome_of = {(o.method, o.path): o for o in outcomes if o.path != CREATE_PATH}
    unexplained = [
        f"{o.method} {o.path}: {o.error!r}"
        for o in failed
        if o.error is not None and not fault_caused(o.error) and not refusal_explained(o, outcome_of)
    ]
    assert not unexplained, unexplained
    slowest = max((o.elapsed for o in idempotent), default=0.0)

    # No POST executed twice. A fleet creation carries a fresh name, and a second execution would
    # be refused (names are unique): every executed create must have succeeded, once per create
    # the client saw succeed.
    def executed(e: Dict[str, Any]) -> bool:
        return e["fault"] is None

    creates = [e for e in entries if e["method"] == "POST" and e["path"] == CREATE_PATH and executed(e)]
    creates_twice = sum(1 for e in creates if not 200 <= e["status"] < 300)
    creates_ok = sum(1 for o in outcomes if o.method == "POST" and o.path == CREATE_PATH and o.error is None)
    assert creates_ok == len(created)
    assert len(creates) - creates_twice == creates_ok, "executed fleet creations differ from the successful ones"
    # Enabling federation names its fleet in the path: count executions per call.
    executions: Dict[str, int] = defaultdict(int)
    for e in entries:
        if e["method"] == "POST" and e["path"] != CREATE_PATH and executed(e):
            executions[e["path"]] += 1
    enables = [o for o in outcomes if o.method == "POST" and o.path != CREATE_PATH]
    enables_twice = sum(1 for o in enables if executions[o.path] > 1)
    not_once = [o.path for o in enables if o.error is None and executions[o.path] != 1]
    assert not not_once, f"successful POSTs not executed exactly once: {not_once}"
    posts_twice = creates_twice + enables_twice

    # No retry before Retry-After: every path but the create one belongs to one sequential call,
    # so the request after a 429 on it is that call's retry.
    by_call: Dict[Tuple[str, str], List[Dict[str, Any]]] = defaultdict(list)
    for e in entries:
        if e["path"] != CREATE_PATH:
            by_call[(e["method"], e["path"])].append(e)
    early: List[str] = []
    throttled_retries = 0
    min_gap = math.inf
    for requests in by_call.values():
        requests.sort(key=lambda e: e["at_ms"])
        for before, after in zip(requests, requests[1:]):
            if before["status"] != 429:
                continue
            gap = after["at_ms"] - (before["at_ms"] + before["duration_ms"])
            throttled_retries += 1
            min_gap = min(min_gap, gap)
            if gap < RETRY_AFTER_SECS * 1000:
                early.append(f"{after['method']} {after['path']}: {gap:.1f} ms")

    drops = sum(1 for e in entries if e["fault"] == "drop")
    throttles = sum(1 for e in entries if e["fault"] and e["status"] == 429)
    errors = sum(1 for e in entries if e["fault"] and e["status"] >= 500)
    figures = (
        f"fault soak (python): calls {len(outcomes)} ({len(idempotent)} idempotent, {len(outcomes) - len(idempotent)} POST)"
        f" in {soak_time:.1f} s, requests {len(entries)}; faults injected {drops + throttles + errors}"
        f" (5xx {errors}, 429 {throttles}, dropped {drops}); POSTs executed twice: {posts_twice};"
        f" retries before Retry-After: {len(early)} (of {throttled_retries} retries after a 429,"
        f" shortest wait {min_gap:.0f} ms); idempotent calls failed: {len(failed)},"
        f" slowest {slowest * 1000:.0f} ms (deadline {DEADLINE_S * 1000:.0f} ms)"
    )
    with capsys.disabled():  # the figures show in every run, not only in failures
        print(f"\n{figures}")
    assert posts_twice == 0, "POSTs executed twice"
    assert not early, f"retries before Retry-After: {early}"
    assert drops and throttles and errors and throttled_retries, "every fault kind must be exercised"
