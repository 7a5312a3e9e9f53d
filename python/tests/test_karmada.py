"""The Karmada gateway from Python, sync and async, against the emulator: a fleet federated and
its kubeconfig downloaded, then Deployments and PropagationPolicies created, listed by label,
merge-patched, applied, deleted; the Kubernetes `Status` errors as typed exceptions."""
from __future__ import annotations

import os
import stat

import pytest

from conftest import attached
from ucs_sdk import (
    AsyncClient,
    AuthError,
    Client,
    ConflictError,
    InvalidArgumentError,
    NotFoundError,
    write_kubeconfig,
)


def deployment(name: str, app: str) -> dict:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "labels": {"app": app}},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": app}},
            "template": {
                "metadata": {"labels": {"app": app}},
                "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]},
            },
        },
    }


POLICY = {
    "apiVersion": "policy.karmada.io/v1alpha1",
    "kind": "PropagationPolicy",
    "metadata": {"name": "web-pp", "labels": {"app": "web"}},
    "spec": {
        "resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}],
        "placement": {"clusterAffinity": {"clusterNames": ["a"]}},
    },
}


def names(answer: dict) -> list:
    return sorted(o["metadata"]["name"] for o in answer["items"])


def federate(client: Client) -> dict:
    """Federates fleet `fleet1` and answers its kubeconfig."""
    a = client.clusters.register(attached("a"))["uid"]
    fleet = client.fleets.register({"metadata": {"name": "fleet1"}, "spec": {"clusterIds": [a]}})["uid"]
    client.fleets.enable_federation(fleet)
    client.fleets.wait_federation(fleet, timeout=60)
    # The kubeconfig is downloaded once a federation connection exists (reference 3.2.16).
    client.fleets.create_federation_connection(fleet, {"projectID": "p", "vpcID": "vpc-1", "subnetID": "subnet-1"})
    return client.fleets.download_federation_kubeconfig(fleet, {"duration": 1})


def gateway_options(emulator) -> dict:
    return emulator.options(karmada_endpoint=emulator.base_url + "/karmada/{fleet}")


def test_the_kubeconfig_opens_the_gateway_for_deployments_and_policies(client):
    kubeconfig = federate(client)
    k = client.karmada("fleet1", kubeconfig=kubeconfig)
    assert k.base_url.startswith("https://127.0.0.1:"), k.base_url
    token = kubeconfig["users"][0]["user"]["token"]
    assert token not in repr(k)

    deployments = k.deployments()
    assert deployments.create(deployment("web", "web"))["metadata"]["namespace"] == "default"
    deployments.create(deployment("api", "api"))
    assert names(deployments.list(label_selector="app in (web)")) == ["web"]
    assert names(deployments.list(field_selector="metadata.name=api")) == ["api"]
    assert names(k.list("apis/apps/v1/namespaces/default/deployments", label_selector="app=api")) == ["api"]

    patched = deployments.patch("web", {"spec": {"replicas": 5}})
    assert patched["spec"]["replicas"] == 5
    assert patched["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.25"

    policies = k.propagation_policies("default")
    assert policies.apply(POLICY)["metadata"]["generation"] == 1
    changed = {**POLICY, "spec": {**POLICY["spec"], "placement": {}}}
    again = policies.apply(changed)
    assert (again["metadata"]["generation"], again["spec"]["placement"]) == (2, {})
    assert names(policies.list(label_selector="app=web")) == ["web-pp"]

    with pytest.raises(ConflictError) as exists:
        deployments.create(deployment("web", "web"))
    assert (exists.value.status_code, exists.value.error_code) == (409, "AlreadyExists")

    assert deployments.delete("web")["status"] == "Success"
    policies.delete("web-pp")
    with pytest.raises(NotFoundError) as gone:
        deployments.get("web")
    assert (gone.value.status_code, gone.value.error_code) == (404, "NotFound")
    assert gone.value.error_msg == 'deployments.apps "web" not found'
    with pytest.raises(NotFoundError):
        k.request("DELETE", "apis/apps/v1/namespaces/default/deployments/web")


def test_a_token_or_the_iam_token_opens_the_gateway(emulator):
    with Client(**gateway_options(emulator)) as c:
        token = federate(c)["users"][0]["user"]["token"]
        k = c.karmada("fleet1", token=token)
        assert k.base_url == emulator.base_url + "/karmada/fleet1"
        k.create("apis/apps/v1/namespaces/default/deployments", deployment("web", "web"))
        with pytest.raises(AuthError) as refused:
            c.karmada("fleet1", token="not-a-token").get("apis/apps/v1/namespaces/default/deployments")
        assert refused.value.status_code == 401
        with pytest.raises(InvalidArgumentError) as both:
            c.karmada("fleet1", token=token, kubeconfig={})
        assert both.value.field == "token"
        with pytest.raises(InvalidArgumentError) as bad_name:
            k.deployments().get("a/b")
        assert bad_name.value.field == "name"
    c = emulator.credentials
    iam = gateway_options(emulator)
    iam.pop("ak"), iam.pop("sk")
    with Client(**iam, user=c["user"], password=c["password"], domain_name=c["domain_name"]) as c2:
        got = c2.karmada("fleet1").deployments().get("web")
        assert got["metadata"]["name"] == "web"


async def test_the_async_gateway(emulator):
    with Client(**emulator.options()) as c:
        kubeconfig = federate(c)
    async with AsyncClient(**emulator.options()) as ac:
        k = ac.karmada("fleet1", kubeconfig=kubeconfig)
        deployments = k.deployments("default")
        await deployments.create(deployment("web", "web"))
        await deployments.apply(deployment("api", "api"))
        assert names(await deployments.list(label_selector="app=web")) == ["web"]
        patched = await deployments.patch("web", {"spec": {"replicas": 4}})
        assert patched["spec"]["replicas"] == 4
        policies = k.propagation_policies()
        await policies.create(POLICY)
        assert names(await policies.list(label_selector="app=web")) == ["web-pp"]
        await policies.delete("web-pp")
        await deployments.delete("web")
        with pytest.raises(NotFoundError) as gone:
            await deployments.get("web")
        assert gone.value.error_code == "NotFound"
        got = await k.get("apis/apps/v1/namespaces/default/deployments/api")
        assert got["metadata"]["name"] == "api"


def test_write_kubeconfig_saves_a_private_file_kubernetes_clients_read(client, tmp_path):
    kubeconfig = federate(client)
    path = tmp_path / "kube" / "config"
    path.parent.mkdir()
    write_kubeconfig(kubeconfig, path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    text = path.read_text()
    assert "current-context: fleet1" in text and "certificate-authority-data" in text
    assert not text.lstrip().startswith("{"), "YAML, not JSON"
    with pytest.raises(InvalidArgumentError):
        write_kubeconfig(42, tmp_path / "bad")  # type: ignore[arg-type]


def test_typed_karmada_usage_checks(tmp_path):
    import subprocess
    import sys
    import textwrap

    usage = tmp_path / "usage.py"
    usage.write_text(textwrap.dedent(
        """
        from typing import Any, Dict

        from ucs_sdk import AsyncClient, Client, write_kubeconfig
        from ucs_sdk.karmada import AsyncKarmada, Karmada

        def sync(c: Client, kubeconfig: Dict[str, Any]) -> int:
            write_kubeconfig(kubeconfig, "/tmp/kubeconfig")
            k: Karmada = c.karmada("fleet1", kubeconfig=kubeconfig)
            k.deployments().apply({"metadata": {"name": "web"}})
            page = k.deployments("default").list(label_selector="app=web", limit=10)
            k.propagation_policies().delete("web-pp")
            return len(page["items"])

        async def not_sync(c: AsyncClient) -> str:
            k: AsyncKarmada = c.karmada("fleet1", token="T")
            got = await k.deployments().get("web")
            return str(got["metadata"]["name"])
        """
    ))
    ok = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(usage)], cwd=tmp_path,
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    wrong = tmp_path / "wrong.py"
    wrong.write_text("from ucs_sdk import Client\nClient().karmada('f').deployments().list(label_selector=1)\n")
    bad = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(wrong)], cwd=tmp_path,
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "label_selector" in bad.stdout, bad.stdout
