"""The OFFICIAL Python SDK (huaweicloudsdkucs 3.1.219) drives every policy operation against the
emulator: its requests (paths, `retry`/`kind` queries, JSON bodies) are accepted and its response
models decode our answers."""
import json
import os
import subprocess
import urllib.request

import pytest
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkucs.v1 import UcsClient
from huaweicloudsdkucs.v1.model import (
    CreateClusterGroupPolicyInstanceRequest, CreateClusterPolicyInstanceRequest, DeletePolicyInstanceRequest,
    DisableClusterGroupPolicyRequest, DisableClusterPolicyRequest, EnableClusterGroupPolicyRequest,
    EnableClusterPolicyRequest, ListPolicyDefinitionsRequest, ListPolicyInstancesRequest, ListPolicyJobsRequest,
    ShowPolicyDefinitionRequest, ShowPolicyInstanceRequest, ShowPolicyJobRequest, UCSConstraintRequest,
    UCSConstraintTemplateTagRequest, UpdatePolicyDefinationRequest, UpdatePolicyInstanceRequest,
)

from conftest import REPO


def official_client(emulator):
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    creds = GlobalCredentials(emulator["ak"], emulator["sk"], emulator["domain_id"])
    return (UcsClient.new_builder().with_http_config(config).with_credentials(creds)
            .with_endpoints([emulator["base"]]).build())


@pytest.fixture(autouse=True)
def reset(emulator):
    urllib.request.urlopen(urllib.request.Request(emulator["base"] + "/_emulator/reset", method="POST")).read()


def ucs(emulator, *args, stdin=None):
    """Our `ucs` CLI against the emulator: it registers the cluster and fleet the policy calls
    need, which the official SDK sends form-encoded (refused, see test_official_sdk.py)."""
    binary = os.environ.get("UCS_BIN", str(REPO / "target" / "debug" / "ucs"))
    out = subprocess.run(
        [binary, "--endpoint", emulator["base"], "--ak", emulator["ak"], "--sk", emulator["sk"],
         "--domain-id", emulator["domain_id"], "-o", "json", *args],
        input=stdin, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _fleet(emulator):
    return ucs(emulator, "fleets", "register", "--name", "guarded")["uid"]


def _cluster(emulator):
    body = json.dumps({"metadata": {"name": "guarded"},
                       "spec": {"category": "attachedcluster", "type": "privatek8s", "provider": "privatek8s",
                                "country": "CN", "city": "110000", "manageType": "discrete"}})
    return ucs(emulator, "clusters", "register", "-f", "-", stdin=body)["uid"]


def test_every_policy_operation_through_the_official_sdk(emulator):
    client = official_client(emulator)
    fleet_uid = _fleet(emulator)

    definitions = client.list_policy_definitions(ListPolicyDefinitionsRequest())
    assert definitions.kind == "List" and len(definitions.items) == 4
    labels = next(d for d in definitions.items if d.metadata.name == "k8srequiredlabels")
    shown = client.show_policy_definition(ShowPolicyDefinitionRequest(policydefinitionid=labels.metadata.uid))
    assert shown.kind == "ConstraintTemplate" and shown.spec["crd"]["spec"]["names"]["kind"] == "K8sRequiredLabels"
    updated = client.update_policy_defination(UpdatePolicyDefinationRequest(
        policydefinitionid=labels.metadata.uid, body=UCSConstraintTemplateTagRequest(tag="security")))
    assert updated.status_code == 200

    enabled = client.enable_cluster_group_policy(EnableClusterGroupPolicyRequest(clustergroupid=fleet_uid))
    assert enabled.job_id
    job = client.show_policy_job(ShowPolicyJobRequest(jobid=enabled.job_id))
    assert job.status.status == "Succeeded" and job.spec.type == "EnablePolicy"
    assert [t.spec.type for t in job.spec.task_list] == ["CheckCluster", "InstallGatekeeper", "SyncPolicyDefinitions"]
    assert job.status.start_time is not None
    jobs = client.list_policy_jobs(ListPolicyJobsRequest(kind="EnablePolicy"))
    assert [j.metadata.uid for j in jobs.items] == [enabled.job_id]
    with pytest.raises(ClientRequestException) as err:
        client.enable_cluster_group_policy(EnableClusterGroupPolicyRequest(clustergroupid=fleet_uid, retry="true"))
    assert (err.value.status_code, err.value.error_code) == (400, "UCS.00150004")

    created = client.create_cluster_group_policy_instance(CreateClusterGroupPolicyInstanceRequest(
        clustergroupid=fleet_uid,
        body=UCSConstraintRequest(constraint_template_id=labels.metadata.uid, enforcement_action="warn",
                                  namespaces=["default"], parameters={"labels": [{"key": "owner"}]})))
    assert created.job_id
    instances = client.list_policy_instances(ListPolicyInstancesRequest())
    assert len(instances.items) == 1
    instance = instances.items[0]
    assert instance.spec.target_scope == "fleet" and instance.spec.target_id == fleet_uid
    assert instance.spec.constraint.spec.enforcement_action == "warn"
    assert instance.spec.constraint.spec.match.namespaces == ["default"]
    shown = client.show_policy_instance(ShowPolicyInstanceRequest(policyinstanceid=instance.metadata.uid))
    assert shown.spec.constraint_template_id == labels.metadata.uid
    assert client.update_policy_instance(UpdatePolicyInstanceRequest(
        policyinstanceid=instance.metadata.uid, body=UCSConstraintRequest(enforcement_action="deny"))).job_id
    assert client.show_policy_instance(ShowPolicyInstanceRequest(
        policyinstanceid=instance.metadata.uid)).spec.constraint.spec.enforcement_action == "deny"
    assert client.delete_policy_instance(DeletePolicyInstanceRequest(policyinstanceid=instance.metadata.uid)).job_id
    with pytest.raises(ClientRequestException) as err:
        client.show_policy_instance(ShowPolicyInstanceRequest(policyinstanceid=instance.metadata.uid))
    assert (err.value.status_code, err.value.error_code) == (404, "UCS.01000013")

    assert client.disable_cluster_group_policy(DisableClusterGroupPolicyRequest(clustergroupid=fleet_uid)).job_id
    with pytest.raises(ClientRequestException) as err:
        client.disable_cluster_group_policy(DisableClusterGroupPolicyRequest(clustergroupid=fleet_uid))
    assert (err.value.status_code, err.value.error_code) == (400, "UCS.00150006")


def test_cluster_policy_through_the_official_sdk(emulator):
    client = official_client(emulator)
    cluster = _cluster(emulator)
    enabled = client.enable_cluster_policy(EnableClusterPolicyRequest(clusterid=cluster))
    assert client.show_policy_job(ShowPolicyJobRequest(jobid=enabled.job_id)).spec.related_objects == {
        "clusterID": cluster}
    repos = client.list_policy_definitions(ListPolicyDefinitionsRequest()).items[1].metadata.uid
    assert client.create_cluster_policy_instance(CreateClusterPolicyInstanceRequest(
        clusterid=cluster, body=UCSConstraintRequest(constraint_template_id=repos))).job_id
    with pytest.raises(ClientRequestException) as err:
        client.enable_cluster_policy(EnableClusterPolicyRequest(clusterid=cluster))
    assert (err.value.status_code, err.value.error_code) == (400, "UCS.00150003")
    assert client.disable_cluster_policy(DisableClusterPolicyRequest(clusterid=cluster)).job_id
    assert client.list_policy_instances(ListPolicyInstancesRequest()).items == []
