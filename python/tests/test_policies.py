"""Policies through the sync and async clients: the policy job waiter (the operations are shared
cases)."""
from __future__ import annotations

import pytest

from ucs_sdk import JobFailedError, NotFoundError

TASKS = {"CheckCluster", "InstallGatekeeper", "SyncPolicyDefinitions"}
ATTACHED = {
    "metadata": {"name": "guarded"},
    "spec": {"category": "attachedcluster", "type": "privatek8s", "provider": "privatek8s",
             "country": "CN", "city": "110000", "manageType": "discrete"},
}


def test_wait_job_reports_every_task_and_answers_the_job(client):
    cluster = client.clusters.register(ATTACHED)["uid"]
    job_id = client.policies.enable_cluster(cluster)["jobID"]
    events = []
    job = client.policies.wait_job(job_id, timeout=60, on_progress=events.append)
    assert job["metadata"]["uid"] == job_id
    assert job["status"]["status"] == "Succeeded"
    for task in TASKS:
        assert any(e["is_sub_job"] and e["job"] == task and e["phase"] == "Succeeded" for e in events), events
    assert events[-1]["job"] == "EnablePolicy" and not events[-1]["is_sub_job"]


def test_wait_job_names_the_failed_task(client, emulator):
    cluster = client.clusters.register(ATTACHED)["uid"]
    emulator.control("PUT", "faults", {"policy_failure": "InstallGatekeeper"})
    job_id = client.policies.enable_cluster(cluster)["jobID"]
    with pytest.raises(JobFailedError) as failed:
        client.policies.wait_job(job_id, timeout=60)
    assert failed.value.sub_job == "InstallGatekeeper"
    assert "InstallGatekeeper" in str(failed.value)


def test_wait_job_on_an_unknown_job_is_not_found(client):
    with pytest.raises(NotFoundError):
        client.policies.wait_job("no-such-job", timeout=5)


async def test_the_async_wait_job_answers_the_job(aclient):
    cluster = (await aclient.clusters.register(ATTACHED))["uid"]
    job_id = (await aclient.policies.enable_cluster(cluster))["jobID"]
    events = []
    job = await aclient.policies.wait_job(job_id, timeout=60, on_progress=events.append)
    assert job["status"]["status"] == "Succeeded"
    assert {e["job"] for e in events if e["is_sub_job"]} == TASKS
