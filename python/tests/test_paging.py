"""Iterators walk every page, once; `limit` is the page size."""
from __future__ import annotations

from conftest import attached, rule


def test_iterators_cross_pages(client, emulator):
    for i in range(7):
        client.clusters.register(attached(f"page-{i}"))
        client.rules.create(rule(f"rule-{i}"))
    second = client.clusters.list(limit=3, offset=3)
    assert second["total"] == 7 and len(second["items"]) == 3

    names = [c["metadata"]["name"] for c in client.clusters.iter(limit=3)]
    assert sorted(names) == sorted(f"page-{i}" for i in range(7))
    list_calls = [e for e in emulator.control("GET", "log") if e.get("path") == "/v1/clusters" and e.get("method") == "GET"]
    assert len(list_calls) >= 3, "three pages of 3 need three requests"

    assert len(list(client.rules.iter(limit=2))) == 7
    assert [r["metadata"]["name"] for r in client.rules.iter(order_by="create_at", order="asc", limit=50)][:2] == ["rule-0", "rule-1"]


def test_an_iterator_fetches_lazily(client, emulator):
    for i in range(5):
        client.rules.create(rule(f"lazy-{i}"))
    def list_calls():
        return [e for e in emulator.control("GET", "log") if e["path"] == "/v1/permissions/rules" and e["method"] == "GET"]

    before = len(list_calls())
    iterator = client.rules.iter(limit=1)
    assert next(iterator)["metadata"]["name"]
    fetched = len(list_calls()) - before
    assert fetched <= 2, f"one item needed {fetched} page requests"


async def test_async_iterators_cross_pages(aclient):
    for i in range(5):
        await aclient.fleets.register({"metadata": {"name": f"fleet-{i}"}})
    names = [f["metadata"]["name"] async for f in aclient.fleets.iter(limit=2)]
    assert sorted(names) == [f"fleet-{i}" for i in range(5)]
