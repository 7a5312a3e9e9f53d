"""Rules, HSS and IAM through the blocking client."""
from __future__ import annotations

from conftest import rule
from ucs_sdk import Client


def test_every_rule_operation(client):
    rules = client.rules
    uid = rules.create(rule("ops", "admin"))["uid"]
    listed = rules.list()
    assert listed["total"] == 1
    assert listed["items"][0]["metadata"]["name"] == "ops"
    rules.update(
        uid,
        {"spec": {"type": "custom", "description": "updated",
                  "contents": [{"verbs": ["get"], "resources": ["pods"]}]}},
    )
    assert rules.list()["items"][0]["spec"]["description"] == "updated"
    rules.delete(uid)
    assert rules.list()["total"] == 0


def test_hss_creates_a_multicloud_cluster(client):
    made = client.hss.create_multicloud_cluster(
        {"name": "mc", "provider": "tencent", "image_repo_password": "repo-pass", "kube_config": "apiVersion: v1\nkind: Config\n"}
    )
    assert made["cluster_id"]


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
