"""One client from many threads at once: the GIL is released during calls."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from conftest import rule


def test_many_threads_share_one_client(client):
    with ThreadPoolExecutor(max_workers=16) as pool:
        made = list(pool.map(lambda i: client.rules.create(rule(f"t{i}"))["uid"], range(40)))
        assert len(set(made)) == 40
        totals = list(pool.map(lambda _: client.rules.list(limit=1)["total"], range(64)))
    assert totals == [40] * 64


def test_threads_overlap_while_a_call_waits(client, emulator):
    # One call held by the emulator; others finish meanwhile, so the first does not hold the GIL.
    emulator.control("POST", "faults/next", [{"latency_ms": 120_000, "path_prefix": "/v1/clustergroups", "times": 1}])
    import threading

    done = threading.Event()
    slow_error = []

    def slow():
        try:
            client.fleets.list()
        except Exception as e:  # the emulator is reset at teardown, which may drop it
            slow_error.append(e)
        finally:
            done.set()

    threading.Thread(target=slow, daemon=True).start()
    for i in range(10):
        client.rules.create(rule(f"during-{i}"))
    assert client.rules.list()["total"] == 10
    assert not done.is_set(), "the held call should still be waiting"
