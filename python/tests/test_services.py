"""IAM through the blocking client: id resolution with AK/SK, password and token credentials
(the rule and HSS operations are shared cases, test_shared_cases.py)."""
from __future__ import annotations

from ucs_sdk import Client


def test_iam_resolves_ids_and_issues_password_tokens(emulator):
    c = emulator.credentials
    base = emulator.base_url
    resolving = Client(endpoint=base, iam_endpoint=base, region="cn-north-4", ak=c["ak"], sk=c["sk"])
    assert resolving.iam.domain_id() == c["domain_id"]
    assert resolving.iam.project_id() == c["project_id"]
    assert resolving.clusters.supported_versions()["versions"]

    by_password = Client(
        endpoint=base, iam_endpoint=base, hss_endpoint=base, region="cn-north-4",
        user=c["user"], password=c["password"], domain_name=c["domain_name"],
    )
    assert by_password.clusters.supported_versions()["versions"]
    # HSS takes a project-scoped token, UCS a domain-scoped one: the client holds one of each.
    made = by_password.hss.create_multicloud_cluster({"name": "mc", "provider": "aws", "kube_config": "apiVersion: v1\nkind: Config\n"})
    assert made["cluster_id"]
    assert by_password.clusters.list()["total"] == 0
    token = by_password.iam.token()
    assert isinstance(token, str) and token

    by_token = Client(endpoint=base, token=token, domain_id=c["domain_id"])
    assert by_token.clusters.list()["total"] == 0


def test_from_env_reads_the_official_variables(emulator, monkeypatch, tmp_path):
    c = emulator.credentials
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", c["ak"])
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", c["sk"])
    monkeypatch.setenv("HUAWEICLOUD_SDK_DOMAIN_ID", c["domain_id"])
    monkeypatch.setenv("UCS_ENDPOINT", emulator.base_url)
    monkeypatch.setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", str(tmp_path / "none"))
    with Client.from_env() as env_client:
        assert env_client.rules.list()["total"] == 0
