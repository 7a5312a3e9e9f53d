"""Clusters through the blocking client: what the shared cases cannot express."""
from __future__ import annotations

import pytest

from conftest import attached
from ucs_sdk import NotFoundError


# The step-by-step "every operation" scenario is the shared cases (test_shared_cases.py); here
# what they cannot express.


def test_access_info_answers_once(client):
    uid = client.clusters.register(attached("alpha"))["uid"]
    first = client.clusters.access_info(uid)
    assert first and all(isinstance(text, str) for text in first)
    assert client.clusters.access_info(uid) != first, "access info answers once"
    client.clusters.delete(uid)
    with pytest.raises(NotFoundError) as gone:
        client.clusters.get(uid)
    assert gone.value.request_id


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
