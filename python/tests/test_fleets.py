"""Every fleet operation through the blocking client, with federation and its waiter."""
from __future__ import annotations

import pytest

from conftest import attached
from ucs_sdk import ApiError, FederationFailedError, NotFoundError

SUB_JOBS = {"CreateNode", "CreateCert", "InstallFederationChart", "CreateNetworkResource"}


def test_every_fleet_operation_with_federation(client, emulator):
    clusters, fleets = client.clusters, client.fleets
    a = clusters.register(attached("a"))["uid"]
    b = clusters.register(attached("b"))["uid"]
    fleet = fleets.register(
        {"metadata": {"name": "fleet1"}, "spec": {"clusterIds": [a], "description": "first"}}
    )["uid"]
    assert clusters.get(a)["spec"]["clusterGroupID"] == fleet

    clusters.join_fleet(b, {"clusterGroupID": fleet})
    fleets.add_clusters(fleet, {"clusterIds": [a, b]})
    fleets.update_description(fleet, {"description": "second"})
    assert fleets.get(fleet)["spec"]["description"] == "second"
    fleets.associate_rules(fleet, {"ruleIDNamespaces": []})
    assert fleets.list()["total"] == 1

    with pytest.raises(ApiError) as not_federated:
        fleets.federation_progress(fleet)
    assert not_federated.value.error_code == "UCS.01080006"
    fleets.enable_federation(fleet)
    with pytest.raises(ApiError) as twice:
        fleets.enable_federation(fleet, retryjoinall=False)
    assert twice.value.error_code == "UCS.01080002"

    events = []
    job = fleets.wait_federation(fleet, timeout=60, on_progress=events.append)
    assert job["status"]["phase"] in ("Success", "Succeeded", "Completed")
    for sub in SUB_JOBS:
        assert any(e["is_sub_job"] and e["job"] == sub and e["phase"] == "Success" for e in events), events
    assert fleets.federation_progress(fleet)["spec"]["subJobs"]
    fleets.update_zones(fleet, {"dnsSuffix": ["example.com"]})

    project = emulator.credentials["project_id"]
    network = {"projectID": project, "vpcID": "vpc-1", "subnetID": "subnet-1"}
    connection = fleets.create_federation_connection(fleet, network)
    assert connection["id"]
    cert = fleets.create_federation_kubeconfig(fleet, {**network, "duration": 30})
    assert cert["clusters"] and cert["current-context"]
    downloaded = fleets.download_federation_kubeconfig(fleet, {"duration": 1})
    assert downloaded["current-context"]

    with pytest.raises(ApiError) as busy:
        fleets.delete(fleet)
    assert busy.value.status_code == 400
    fleets.disable_federation(fleet)
    clusters.leave_fleet(a)
    clusters.leave_fleet(b)
    fleets.delete(fleet)
    with pytest.raises(NotFoundError) as gone:
        fleets.get(fleet)
    assert gone.value.error_code == "UCS.01100005"


def test_wait_federation_names_the_failed_sub_job(client, emulator):
    fleet = client.fleets.register({"metadata": {"name": "doomed"}})["uid"]
    emulator.control("PUT", "faults", {"federation_failure": "CreateCert"})
    client.fleets.enable_federation(fleet)
    with pytest.raises(FederationFailedError) as failed:
        client.fleets.wait_federation(fleet, timeout=60)
    assert failed.value.sub_job == "CreateCert"


def test_a_raising_progress_callback_surfaces(client):
    fleet = client.fleets.register({"metadata": {"name": "cb"}})["uid"]
    client.fleets.enable_federation(fleet)

    def explode(event):
        raise LookupError("from the callback")

    with pytest.raises(LookupError, match="from the callback"):
        client.fleets.wait_federation(fleet, timeout=60, on_progress=explode)
