"""The official `kubernetes` Python client against the emulator's Karmada gateway, configured only
from the kubeconfig the emulator issued (https server, its CA, the bearer token)."""
import json
import urllib.request

import pytest
from kubernetes import client, config
from kubernetes.client.rest import ApiException

DEPLOYMENT = {
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "web", "labels": {"app": "web"}},
    "spec": {
        "replicas": 2, "selector": {"matchLabels": {"app": "web"}},
        "template": {"metadata": {"labels": {"app": "web"}},
                     "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}},
    },
}
POLICY = {
    "apiVersion": "policy.karmada.io/v1alpha1", "kind": "PropagationPolicy",
    "metadata": {"name": "web-pp"},
    "spec": {"resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}],
             "placement": {}},
}


def call(emulator, token, method, path, body=None):
    req = urllib.request.Request(emulator["base"] + path, method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", "X-Auth-Token": token})
    with urllib.request.urlopen(req) as resp:
        return json.loads(resp.read() or b"{}")


@pytest.fixture
def kubeconfig(emulator, tmp_path):
    """A federated fleet `pyk8s` with clusters py-a and py-b; the path of its issued kubeconfig."""
    auth = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": emulator["user"], "password": emulator["password"],
        "domain": {"name": emulator["domain_name"]}}}}}}
    req = urllib.request.Request(emulator["base"] + "/v3/auth/tokens", method="POST",
                                 data=json.dumps(auth).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as resp:
        token = resp.headers["X-Subject-Token"]
    ids = []
    for name in ("py-a", "py-b"):
        ids.append(call(emulator, token, "POST", "/v1/clusters", {
            "kind": "Cluster", "apiVersion": "v1", "metadata": {"name": name},
            "spec": {"category": "attachedcluster", "type": "privatek8s", "provider": "privatek8s",
                     "country": "CN", "city": "110000", "manageType": "discrete"}})["uid"])
    fleet = call(emulator, token, "POST", "/v1/clustergroups",
                 {"metadata": {"name": "pyk8s"}, "spec": {"clusterIds": ids}})["uid"]
    call(emulator, token, "POST", f"/v1/clustergroups/{fleet}/federations")
    # The download needs a federation connection (reference 3.2.16).
    call(emulator, token, "POST", f"/v1/clustergroups/{fleet}/connection",
         {"projectID": "p", "vpcID": "vpc-1", "subnetID": "subnet-1"})
    doc = call(emulator, token, "POST", f"/v1/clustergroups/{fleet}/kubeconfig", {"duration": 1})
    assert doc["clusters"][0]["cluster"]["server"].startswith("https://")
    path = tmp_path / "kubeconfig"
    path.write_text(json.dumps(doc))
    yield str(path)
    # A federated fleet is not deleted (UCS.01080002): disable its federation first.
    call(emulator, token, "DELETE", f"/v1/clustergroups/{fleet}/federations")
    for uid in ids:
        call(emulator, token, "DELETE", f"/v1/clusters/{uid}")
    call(emulator, token, "DELETE", f"/v1/clustergroups/{fleet}")


def test_deployment_and_policy_through_the_issued_kubeconfig(kubeconfig):
    api = config.new_client_from_config(config_file=kubeconfig)
    apps, custom = client.AppsV1Api(api), client.CustomObjectsApi(api)

    created = apps.create_namespaced_deployment("default", DEPLOYMENT)
    assert created.metadata.uid and created.metadata.namespace == "default"
    assert apps.read_namespaced_deployment("web", "default").spec.replicas == 2

    assert [d.metadata.name for d in apps.list_namespaced_deployment(
        "default", label_selector="app=web").items] == ["web"]
    assert apps.list_namespaced_deployment("default", label_selector="app!=web").items == []

    patched = apps.patch_namespaced_deployment("web", "default", {"spec": {"replicas": 4}})
    assert patched.spec.replicas == 4
    assert patched.spec.template.spec.containers[0].image == "nginx:1.25"
    assert int(patched.metadata.resource_version) > int(created.metadata.resource_version)

    # A replace carrying the old resourceVersion conflicts.
    stale = apps.read_namespaced_deployment("web", "default")
    stale.metadata.resource_version = created.metadata.resource_version
    with pytest.raises(ApiException) as err:
        apps.replace_namespaced_deployment("web", "default", stale)
    assert err.value.status == 409 and json.loads(err.value.body)["reason"] == "Conflict"

    custom.create_namespaced_custom_object("policy.karmada.io", "v1alpha1", "default",
                                           "propagationpolicies", POLICY)
    binding = custom.get_namespaced_custom_object("work.karmada.io", "v1alpha2", "default",
                                                  "resourcebindings", "web-deployment")
    assert sorted(c["name"] for c in binding["spec"]["clusters"]) == ["py-a", "py-b"]
    custom.patch_namespaced_custom_object(
        "policy.karmada.io", "v1alpha1", "default", "propagationpolicies", "web-pp",
        {"spec": {"placement": {"clusterAffinity": {"clusterNames": ["py-b"]}}}},
        _content_type="application/merge-patch+json")
    binding = custom.get_namespaced_custom_object("work.karmada.io", "v1alpha2", "default",
                                                  "resourcebindings", "web-deployment")
    assert [c["name"] for c in binding["spec"]["clusters"]] == ["py-b"]

    apps.delete_namespaced_deployment("web", "default")
    with pytest.raises(ApiException) as err:
        apps.read_namespaced_deployment("web", "default")
    assert err.value.status == 404 and json.loads(err.value.body)["reason"] == "NotFound"
    with pytest.raises(ApiException) as err:
        custom.get_namespaced_custom_object("work.karmada.io", "v1alpha2", "default",
                                            "resourcebindings", "web-deployment")
    assert err.value.status == 404
    custom.delete_namespaced_custom_object("policy.karmada.io", "v1alpha1", "default",
                                           "propagationpolicies", "web-pp")
    assert custom.list_namespaced_custom_object("policy.karmada.io", "v1alpha1", "default",
                                                "propagationpolicies")["items"] == []
