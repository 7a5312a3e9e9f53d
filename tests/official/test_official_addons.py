"""The OFFICIAL Huawei Python SDK (huaweicloudsdkucs 3.1.219) against our emulator, for the add-on,
cluster configuration, quota, server configuration and record set operations.

The official client sends each of these as JSON (its register call does not: the clusters they
need are registered through the official client's own `_call_api` with a JSON body), and their
answers must decode in the official response models.
"""
import json
import urllib.request

import pytest
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkucs.v1 import UcsClient
from huaweicloudsdkucs.v1.model import (
    AddonInstance, AddonInstanceSpec, CreateAddonInstanceRequest, CreateClusterConfRequest,
    CreateClusterKubeconfigRequest, CreateRecordSetRequest, CreateRecordSetRequestBody,
    DeleteAddonInstanceRequest, ListAddonInstancesRequest, ListAddonTemplatesRequest,
    ListRecordSetsRequest, ListServerConfigsRequest, ObjectMeta, RegisterClusterRequest,
    RequiredInput, ShowAddonInstanceRequest, ShowQuotaRequest, UpdateAddonInstanceRequest,
)


def official_client(emulator):
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    creds = GlobalCredentials(emulator["ak"], emulator["sk"], emulator["domain_id"])
    return (UcsClient.new_builder().with_http_config(config).with_credentials(creds)
            .with_endpoints([emulator["base"]]).build())


def control(emulator, path):
    req = urllib.request.Request(emulator["base"] + "/_emulator/" + path, method="POST")
    return json.loads(urllib.request.urlopen(req).read() or b"{}")


@pytest.fixture(autouse=True)
def reset(emulator):
    control(emulator, "reset")


def register(client, name, category="attachedcluster", type_="privatek8s", provider="privatek8s"):
    """RegisterCluster through the official client's own request machinery, as JSON."""
    http_info = UcsClient._register_cluster_http_info(RegisterClusterRequest())
    http_info["header_params"]["Content-Type"] = "application/json"
    http_info["post_params"] = {}
    http_info["body"] = {"kind": "Cluster", "apiVersion": "v1", "metadata": {"name": name},
                         "spec": {"category": category, "type": type_, "provider": provider,
                                  "country": "CN", "city": "110000", "manageType": "discrete"}}
    return client._call_api(**http_info).uid


def addon(cluster, version, name="gatekeeper", template="gatekeeper"):
    return AddonInstance(kind="Addon", api_version="v3", metadata=ObjectMeta(name=name),
                         spec=AddonInstanceSpec(cluster_id=cluster, addon_template_name=template,
                                                version=version, values={"basic": {"replicas": 2}}))


def test_addon_instances_follow_the_catalogue(emulator):
    client = official_client(emulator)
    cluster = register(client, "with-addons")
    templates = client.list_addon_templates(ListAddonTemplatesRequest(addon_template_name="gatekeeper",
                                                                      newest="true", cluster_id=cluster))
    assert [t.metadata.name for t in templates.items] == ["gatekeeper"]
    assert [v.version for v in templates.items[0].spec.versions] == ["3.15.1"]
    assert templates.items[0].spec.versions[0].support_versions[0].cluster_version == ["v1.*"]

    created = client.create_addon_instance(CreateAddonInstanceRequest(body=addon(cluster, "3.14.0")))
    assert created.kind == "Addon" and created.spec.cluster_id == cluster
    assert created.status.status == "running" and created.status.target_versions == ["3.15.1"]
    assert created.status.current_version.version == "3.14.0"
    uid = created.metadata.uid

    with pytest.raises(ClientRequestException) as err:
        client.create_addon_instance(CreateAddonInstanceRequest(body=addon(cluster, "3.15.1")))
    assert (err.value.status_code, err.value.error_code) == (409, "UCS.01030003")
    with pytest.raises(ClientRequestException) as err:
        client.create_addon_instance(CreateAddonInstanceRequest(body=addon(cluster, "1.0", "x", "no-such-addon")))
    assert (err.value.status_code, err.value.error_code) == (404, "UCS.01000013")

    shown = client.show_addon_instance(ShowAddonInstanceRequest(id=uid, cluster_id=cluster,
                                                                is_database_status="true"))
    assert shown.spec.values == {"basic": {"replicas": 2}}
    listed = client.list_addon_instances(ListAddonInstancesRequest(cluster_id=cluster))
    assert [i.metadata.uid for i in listed.items] == [uid]

    updated = client.update_addon_instance(UpdateAddonInstanceRequest(id=uid, body=addon(cluster, "3.15.1")))
    assert updated.spec.version == "3.15.1" and updated.status.target_versions == []

    client.delete_addon_instance(DeleteAddonInstanceRequest(id=uid, cluster_id=cluster))
    with pytest.raises(ClientRequestException) as err:
        client.show_addon_instance(ShowAddonInstanceRequest(id=uid))
    assert (err.value.status_code, err.value.error_code) == (404, "UCS.01000013")
    assert client.list_addon_instances(ListAddonInstancesRequest(cluster_id=cluster)).items == []


def test_cluster_kubeconfig_and_installation_conf(emulator):
    client = official_client(emulator)
    attached = register(client, "attached")
    onprem = register(client, "on-prem", "onpremise", "baremetal", "huaweicloud")
    kubeconfig = client.create_cluster_kubeconfig(CreateClusterKubeconfigRequest(clusterid=attached))
    assert kubeconfig.kind == "Config" and kubeconfig.current_context == "attached"
    assert kubeconfig.clusters[0].cluster.server.startswith("https://")
    assert kubeconfig.users[0].name

    conf = client.create_cluster_conf(CreateClusterConfRequest(
        clusterid=onprem, body=RequiredInput(username="paas", network_cidr="172.16.0.0/16",
                                             access_external_load_balance=True)))
    assert conf.body["CLUSTER_ID"] == onprem and conf.body["USERNAME"] == "paas"
    assert conf.body["ACCESS_EXTERNAL_LOAD_BALANCE"] is True

    control(emulator, f"clusters/{attached}/disconnect")
    with pytest.raises(ClientRequestException) as err:
        client.create_cluster_kubeconfig(CreateClusterKubeconfigRequest(clusterid=attached))
    assert (err.value.status_code, err.value.error_code) == (400, "UCS.01030004")


def test_quota_and_server_configs(emulator):
    client = official_client(emulator)
    register(client, "counted")
    quotas = client.show_quota(ShowQuotaRequest(domainid=emulator["domain_id"])).quotas.resources
    by_type = {q.type: (q.quota, q.used) for q in quotas}
    assert by_type == {"cluster": ("50", "1"), "clustergroup": ("50", "0"), "rule": ("50", "0"),
                       "federation": ("50", "0")}
    with pytest.raises(ClientRequestException) as err:
        client.show_quota(ShowQuotaRequest(domainid="another-account"))
    assert (err.value.status_code, err.value.error_code) == (403, "UCS.01000004")

    configs = client.list_server_configs(ListServerConfigsRequest())
    assert {v.arch for v in configs.onpremises.versions_info} == {"x86_64", "aarch64"}
    current = [v.current_version.federation_version for v in configs.federations.versions_info]
    assert current[0] == "v1.7.0"


def test_record_sets_are_kept_per_zone(emulator):
    client = official_client(emulator)
    body = [CreateRecordSetRequestBody(name="www.example.com.", ttl=300, records=["10.0.0.1"],
                                       line="default_view", weight=1, type="A")]
    created = client.create_record_set(CreateRecordSetRequest(
        x_zone_project_id=emulator["project_id"], x_zone_id="zone-a", body=body))
    assert [(r.name, r.zone_id, r.type) for r in created.body] == [("www.example.com.", "zone-a", "A")]
    with pytest.raises(ClientRequestException) as err:
        client.create_record_set(CreateRecordSetRequest(
            x_zone_project_id=emulator["project_id"], x_zone_id="zone-a", body=body))
    assert (err.value.status_code, err.value.error_code) == (400, "UCS.01050001")
    client.create_record_set(CreateRecordSetRequest(
        x_zone_project_id=emulator["project_id"], x_zone_id="zone-b", body=body))
    listed = client.list_record_sets(ListRecordSetsRequest())
    assert [r.zone_id for r in listed.recordsets] == ["zone-a", "zone-b"]
    assert listed.metadata.total_count == 2
