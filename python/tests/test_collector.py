"""Answers are built with Python's cyclic collector paused (bindings/python/src/to_python.rs):
the dicts and lists of an answer hold no cycles, so collecting while they are made is wasted
work. The collector must be back as the caller left it afterwards."""
from __future__ import annotations

import gc

from conftest import attached


def containers(value) -> int:
    if isinstance(value, dict):
        return 1 + sum(containers(v) for v in value.values())
    if isinstance(value, list):
        return 1 + sum(containers(v) for v in value)
    return 0


def test_building_an_answer_starts_almost_no_collection(client):
    for i in range(20):
        client.clusters.register(attached(f"gc-{i}"))
    starts = []

    def started(phase, info):
        if phase == "start":
            starts.append(info["generation"])

    threshold = gc.get_threshold()
    gc.callbacks.append(started)
    # Threshold 1: unpaused, a collection would start at about every other dict or list made.
    gc.set_threshold(1)
    try:
        page = client.clusters.list(limit=20)
    finally:
        gc.set_threshold(*threshold)
        gc.callbacks.remove(started)
    assert len(page["items"]) == 20
    made = containers(page)
    assert made > 100
    assert len(starts) < made / 8, (len(starts), made)
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off(client):
    gc.disable()
    try:
        client.clusters.list(limit=5)
        assert not gc.isenabled()
    finally:
        gc.enable()
    client.clusters.list(limit=5)
    assert gc.isenabled()
