"""Every operation through AsyncClient."""
from __future__ import annotations

import asyncio

import pytest

from conftest import attached, rule
from ucs_sdk import ApiError, AsyncClient, NotFoundError


async def test_every_cluster_and_rule_operation(aclient):
    clusters = aclient.clusters
    assert (await clusters.supported_versions())["versions"]
    uid = (await clusters.register(attached("alpha")))["uid"]
    assert (await clusters.get(uid))["metadata"]["name"] == "alpha"
    await clusters.update(uid, {"spec": {"country": "CN", "city": "120000"}})
    assert (await clusters.get(uid))["spec"]["city"] == "120000"
    assert await clusters.access_info(uid)
    assert await clusters.activate(uid) is None
    rule_id = (await aclient.rules.create(rule("ops")))["uid"]
    await clusters.associate_rules(uid, {"ruleIDNamespaces": [{"ruleIDs": [rule_id], "namespaces": ["a"]}]})
    assert (await clusters.list(managetype="discrete"))["total"] == 1
    assert all(c["spec"]["category"] == "self" for c in await clusters.list_managed())
    fleet = (await aclient.fleets.register({"metadata": {"name": "f"}}))["uid"]
    await clusters.join_fleet(uid, {"clusterGroupID": fleet})
    await clusters.leave_fleet(uid)
    await clusters.delete(uid)
    with pytest.raises(NotFoundError):
        await clusters.get(uid)

    rules = aclient.rules
    assert (await rules.list())["total"] == 1
    await rules.update(rule_id, {"spec": {"type": "readonly", "description": "d"}})
    assert [r["spec"]["description"] async for r in rules.iter()] == ["d"]
    await rules.delete(rule_id)
    assert (await rules.list())["total"] == 0


async def test_every_fleet_operation(aclient, emulator):
    fleets = aclient.fleets
    a = (await aclient.clusters.register(attached("a")))["uid"]
    fleet = (await fleets.register({"metadata": {"name": "fleet"}}))["uid"]
    await fleets.add_clusters(fleet, {"clusterIds": [a]})
    await fleets.update_description(fleet, {"description": "x"})
    assert (await fleets.get(fleet))["spec"]["description"] == "x"
    await fleets.associate_rules(fleet, {"ruleIDNamespaces": []})
    await fleets.update_zones(fleet, {"dnsSuffix": ["example.com"]})
    assert [f["metadata"]["uid"] async for f in fleets.iter()] == [fleet]
    await fleets.enable_federation(fleet)
    events = []
    job = await fleets.wait_federation(fleet, timeout=60, on_progress=events.append)
    assert job["status"]["phase"] == "Success"
    assert {e["job"] for e in events if e["is_sub_job"]} >= {"CreateCert", "CreateNode"}
    assert (await fleets.federation_progress(fleet))["status"]["phase"] == "Success"
    network = {"projectID": emulator.credentials["project_id"], "vpcID": "v", "subnetID": "s"}
    assert (await fleets.create_federation_connection(fleet, network))["id"]
    assert (await fleets.create_federation_kubeconfig(fleet, {**network, "duration": 7}))["clusters"]
    assert (await fleets.download_federation_kubeconfig(fleet, {"duration": 7}))["users"]
    await fleets.disable_federation(fleet)
    await aclient.clusters.leave_fleet(a)
    await fleets.delete(fleet)
    assert (await fleets.list())["total"] == 0


async def test_services(aclient, emulator):
    made = await aclient.hss.create_multicloud_cluster({"name": "mc", "provider": "aws", "kube_config": "apiVersion: v1\nkind: Config\n"})
    assert made["cluster_id"]
    assert await aclient.iam.domain_id() == emulator.credentials["domain_id"]
    assert await aclient.iam.project_id() == emulator.credentials["project_id"]


async def test_errors_keep_their_fields(aclient):
    with pytest.raises(NotFoundError) as missing:
        await aclient.clusters.get("00000000-0000-0000-0000-000000000000")
    assert missing.value.error_code == "UCS.01030001"
    assert missing.value.request_id


async def test_a_hundred_concurrent_calls(emulator):
    async with AsyncClient(**emulator.options()) as c:
        made = await asyncio.gather(*(c.rules.create(rule(f"r{i}")) for i in range(50)))
        assert len({m["uid"] for m in made}) == 50
        pages = await asyncio.gather(*(c.rules.list(limit=5, offset=i % 50) for i in range(100)))
        assert all(p["total"] == 50 for p in pages)
        assert [len(p["items"]) for p in pages[:3]] == [5, 5, 5]


async def test_cancelling_a_call_drops_it(aclient, emulator):
    emulator.control("POST", "faults/next", [{"latency_ms": 600_000, "path_prefix": "/v1/clustergroups"}])
    task = asyncio.ensure_future(aclient.fleets.list())
    # Let the call reach the emulator, then cancel it while the emulator holds the answer.
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # The client still works.
    assert (await aclient.rules.list())["total"] == 0


async def test_api_errors_are_api_errors(aclient):
    with pytest.raises(ApiError) as busy:
        await aclient.fleets.federation_progress("00000000000000000000000000000000")
    assert busy.value.status_code in (400, 404)


def _threads_named(name: str) -> int:
    import glob

    count = 0
    for comm in glob.glob("/proc/self/task/*/comm"):
        try:
            with open(comm) as f:
                count += f.read().strip() == name
        except FileNotFoundError:  # the thread ended while we looked
            pass
    return count


async def test_answers_reach_asyncio_through_one_thread(aclient):
    """Finished calls are handed to asyncio by one completer thread (bindings/python/src/
    completer.rs), not by a blocking-pool thread per call waiting for the GIL."""
    uid = (await aclient.clusters.register(attached("many")))["uid"]
    answers = await asyncio.gather(*(aclient.clusters.get(uid) for _ in range(128)))
    assert all(a["metadata"]["uid"] == uid for a in answers)
    missing = await asyncio.gather(*(aclient.clusters.get("00000000-0000-0000-0000-000000000000")
                                     for _ in range(16)), return_exceptions=True)
    assert all(isinstance(e, NotFoundError) for e in missing)
    assert _threads_named("ucs-sdk-asyncio") == 1
    # The runtime's two workers, and no pool of threads grown by 128 calls in flight.
    assert _threads_named("ucs-sdk") <= 4
