"""The OFFICIAL Huawei Python SDK (huaweicloudsdkucs) drives the federated-workload operations
(create/show/update/delete_proxy_united_workload) and upgrade_federation against the emulator:
sent as the SDK declares them (JSON), signed by its signer, answers decoded by its models."""
import json
import urllib.request

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkucs.v1.model import (
    ClusterAffinity, CreateProxyUnitedWorkloadRequest, DeleteProxyUnitedWorkloadRequest, EnableFederationRequest,
    MutiWorkload,
    ObjectMeta, OverridePolicy, OverrideSpec, Placement, PropagationPolicy, PropagationSpec,
    ShowClusterGroupRequest, ShowProxyUnitedWorkloadRequest, UpdateProxyUnitedWorkloadRequest,
    UpgradeFederationRequest, UpgradeFederationRequestBody,
)

from test_official_sdk import official_client


@pytest.fixture(autouse=True)
def reset(emulator):
    urllib.request.urlopen(urllib.request.Request(emulator["base"] + "/_emulator/reset", method="POST")).read()


def call(emulator, token, method, path, body=None):
    req = urllib.request.Request(emulator["base"] + path, method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", "X-Auth-Token": token})
    with urllib.request.urlopen(req) as resp:
        return json.loads(resp.read() or b"{}")


@pytest.fixture
def fleet(emulator):
    """A fleet with one member, py-wl-a, made with an IAM token (the SDK form-encodes these creates)."""
    auth = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": emulator["user"], "password": emulator["password"],
        "domain": {"name": emulator["domain_name"]}}}}}}
    req = urllib.request.Request(emulator["base"] + "/v3/auth/tokens", method="POST",
                                 data=json.dumps(auth).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as resp:
        token = resp.headers["X-Subject-Token"]
    cid = call(emulator, token, "POST", "/v1/clusters", {
        "kind": "Cluster", "apiVersion": "v1", "metadata": {"name": "py-wl-a"},
        "spec": {"category": "attachedcluster", "type": "privatek8s", "provider": "privatek8s",
                 "country": "CN", "city": "110000", "manageType": "discrete"}})["uid"]
    return call(emulator, token, "POST", "/v1/clustergroups",
                {"metadata": {"name": "py-wl"}, "spec": {"clusterIds": [cid]}})["uid"]


def workload(replicas, overrides=True):
    return MutiWorkload(
        kind="Deployment", api_version="apps/v1",
        metadata=ObjectMeta(name="web", namespace="default", labels={"app": "web"}),
        template={"spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}}}},
        propagation_policy=PropagationPolicy(spec=PropagationSpec(
            placement=Placement(cluster_affinity=ClusterAffinity(cluster_names=["py-wl-a"])))),
        override_policy=OverridePolicy(spec=OverrideSpec(overriders={"plaintext": [
            {"path": "/spec/replicas", "operator": "replace", "value": 1}]})) if overrides else None)


def error_of(call):
    with pytest.raises(ClientRequestException) as err:
        call()
    return err.value.status_code, err.value.error_code


def test_united_workload_lifecycle(emulator, fleet):
    client = official_client(emulator)
    show = ShowProxyUnitedWorkloadRequest(clustergroupid=fleet, kind="Deployment", namespace="default", name="web")
    assert error_of(lambda: client.show_proxy_united_workload(show)) == (400, "UCS.01080006")
    client.enable_federation(EnableFederationRequest(clustergroupid=fleet))

    created = client.create_proxy_united_workload(
        CreateProxyUnitedWorkloadRequest(clustergroupid=fleet, body=workload(2)))
    assert created.status_code == 201
    assert error_of(lambda: client.create_proxy_united_workload(
        CreateProxyUnitedWorkloadRequest(clustergroupid=fleet, body=workload(2)))) == (409, "UCS.01100004")

    shown = client.show_proxy_united_workload(show)
    assert shown.kind == "Deployment" and shown.metadata.name == "web" and shown.metadata.generation == "1"
    assert shown.template["spec"]["replicas"] == 2
    assert shown.propagation_policy.spec.placement.cluster_affinity.cluster_names == ["py-wl-a"]
    assert shown.override_policy.kind == "OverridePolicy"
    assert [c.name for c in shown.resource_binding.spec.clusters] == ["py-wl-a"]

    client.update_proxy_united_workload(
        UpdateProxyUnitedWorkloadRequest(clustergroupid=fleet, body=workload(3, overrides=False)))
    shown = client.show_proxy_united_workload(show)
    assert shown.template["spec"]["replicas"] == 3 and shown.metadata.generation == "2"
    assert shown.override_policy is None

    client.delete_proxy_united_workload(
        DeleteProxyUnitedWorkloadRequest(clustergroupid=fleet, kind="Deployment", namespace="default", name="web"))
    assert error_of(lambda: client.show_proxy_united_workload(show)) == (404, "UCS.01000013")


def test_upgrade_federation(emulator, fleet):
    client = official_client(emulator)
    upgrade = UpgradeFederationRequest(clustergroupid=fleet,
                                       body=UpgradeFederationRequestBody(target_version="v1.7.0-r14"))
    assert error_of(lambda: client.upgrade_federation(upgrade)) == (400, "UCS.01080006")
    client.enable_federation(EnableFederationRequest(clustergroupid=fleet))
    answer = client.upgrade_federation(upgrade)
    assert answer.body["jobId"] and answer.body["message"] == "The federation is being upgraded"
    spec = client.show_cluster_group(ShowClusterGroupRequest(clustergroupid=fleet)).spec
    assert spec.federation_version == "v1.7.0-r14"
    # Not newer than the current version, and a version that does not exist: both refused.
    assert error_of(lambda: client.upgrade_federation(upgrade)) == (400, "UCS.00000012")
    unknown = UpgradeFederationRequest(clustergroupid=fleet, body=UpgradeFederationRequestBody(target_version="v0"))
    assert error_of(lambda: client.upgrade_federation(unknown)) == (400, "UCS.00000012")
