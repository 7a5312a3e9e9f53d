"""Every cluster operation through the blocking client."""
from __future__ import annotations

import pytest

from conftest import attached, rule
from ucs_sdk import NotFoundError


def test_every_cluster_operation(client):
    clusters = client.clusters
    assert clusters.supported_versions()["versions"]

    uid = clusters.register(attached("alpha"))["uid"]
    got = clusters.get(uid)
    assert got["metadata"]["name"] == "alpha"
    assert got["metadata"]["uid"] == uid
    assert got["spec"]["manageType"] == "discrete"
    assert got["kind"] == "Cluster"

    clusters.update(uid, {"spec": {"country": "CN", "city": "120000"}})
    assert clusters.get(uid)["spec"]["city"] == "120000"

    first = clusters.access_info(uid)
    assert first and all(isinstance(text, str) for text in first)
    assert clusters.access_info(uid) != first, "access info answers once"
    assert clusters.activate(uid) is None

    rule_id = client.rules.create(rule("ops"))["uid"]
    clusters.associate_rules(
        uid, {"ruleIDNamespaces": [{"ruleIDs": [rule_id], "namespaces": ["default"]}]}
    )

    page = clusters.list(managetype="discrete")
    assert page["total"] == 1
    assert [c["metadata"]["uid"] for c in page["items"]] == [uid]
    assert clusters.list(managetype="grouped")["total"] == 0
    assert clusters.list(clusterids=[uid])["total"] == 1

    managed = clusters.list_managed(unregister=True)
    assert all(c["spec"]["category"] == "self" for c in managed)

    fleet = client.fleets.register({"metadata": {"name": "f"}})["uid"]
    clusters.join_fleet(uid, {"clusterGroupID": fleet})
    assert clusters.get(uid)["spec"]["clusterGroupID"] == fleet
    clusters.leave_fleet(uid)
    assert clusters.get(uid)["spec"]["manageType"] == "discrete"

    clusters.delete(uid)
    with pytest.raises(NotFoundError) as gone:
        clusters.get(uid)
    assert gone.value.error_code == "UCS.01030001"
    assert gone.value.status_code == 404


def test_unknown_fields_are_kept(client, emulator):
    uid = client.clusters.register(attached("extra"))["uid"]
    cluster = client.clusters.get(uid)
    # Whatever the service sends that no model names still arrives in the dict.
    assert "creationTimestamp" in cluster["metadata"]
    assert isinstance(cluster["status"], dict)


def test_keys_of_many_answers_stay_right(client):
    # Field names and map keys are made into Python strings once and reused across answers;
    # past the reuse cache's size (4,096 keys) and length limit (64), keys are made afresh.
    long_key = "example.com/" + "k" * 80
    expected = {}
    for n in range(3):
        labels = {f"team-{n}-{i}": f"v{i}" for i in range(1500)}
        labels[long_key] = str(n)
        body = {**attached(f"labels-{n}"), "metadata": {"name": f"labels-{n}", "labels": labels}}
        uid = client.clusters.register(body)["uid"]
        expected[uid] = labels
    for _ in range(2):
        for uid, labels in expected.items():
            got = client.clusters.get(uid)
            assert got["metadata"]["labels"] == labels
            assert sorted(got["spec"]) == sorted(client.clusters.get(uid)["spec"])
            assert got["spec"]["city"] == "110000" and got["kind"] == "Cluster"
