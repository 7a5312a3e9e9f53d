"""The official credential and region chain through `Client.from_env`: keys from a profile
file's `[basiccredentials]` section, endpoints from `HUAWEICLOUD_SDK_REGION_*` overrides,
federated credentials from `HUAWEICLOUD_SDK_IDP_ID` + `HUAWEICLOUD_SDK_ID_TOKEN_FILE`."""
from __future__ import annotations

import base64
import json
import time

import pytest

from ucs_sdk import Client
from ucs_sdk.errors import UcsError

_CLEARED = (
    "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "HUAWEICLOUD_SDK_DOMAIN_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "HUAWEICLOUD_SDK_IAM_ENDPOINT",
    "UCS_ENDPOINT", "UCS_HSS_ENDPOINT", "UCS_IAM_ENDPOINT", "HUAWEICLOUD_SDK_REGIONS_FILE",
    "HUAWEICLOUD_SDK_IDP_ID", "HUAWEICLOUD_SDK_ID_TOKEN_FILE",
)


def _profile_env(emulator, monkeypatch, tmp_path, sk: str) -> None:
    c = emulator.credentials
    profile = tmp_path / "credentials"
    profile.write_text(
        f"[basiccredentials]\nak = {c['ak']}\nsk = {sk}\nproject_id = {c['project_id']}\n"
        f"[globalcredentials]\ndomain_id = {c['domain_id']}\n"
    )
    profile.chmod(0o600)
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", str(profile))
    monkeypatch.setenv("UCS_REGION", "cn-north-4")
    monkeypatch.setenv("HUAWEICLOUD_SDK_REGION_UCS_CN_NORTH_4", emulator.base_url)
    monkeypatch.setenv("HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4", emulator.base_url)


def test_from_env_signs_with_the_basiccredentials_profile(emulator, monkeypatch, tmp_path):
    _profile_env(emulator, monkeypatch, tmp_path, emulator.credentials["sk"])
    with Client.from_env(max_retries=0) as client:
        assert client.rules.list()["total"] == 0
        made = client.hss.create_multicloud_cluster({"name": "mc", "provider": "tencent", "kube_config": "apiVersion: v1\nkind: Config\n"})
        assert made["cluster_id"]


def test_from_env_uses_the_profile_keys_not_others(emulator, monkeypatch, tmp_path):
    _profile_env(emulator, monkeypatch, tmp_path, "not-the-secret-key")
    with Client.from_env(max_retries=0) as client:
        with pytest.raises(UcsError) as raised:
            client.rules.list()
    assert raised.value.status_code == 401
    assert "not-the-secret-key" not in str(raised.value)


def _jwt(sub: str) -> str:
    """An id token shaped as a JWT; the emulator does not check its signature."""
    def part(value) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")
    return ".".join([part({"alg": "RS256"}), part({"sub": sub, "exp": int(time.time()) + 600}),
                     part("signature")])


def test_from_env_exchanges_the_federated_id_token_file(emulator, monkeypatch, tmp_path):
    c = emulator.credentials
    token_file = tmp_path / "id-token"
    token_file.write_text(_jwt("ci-job") + "\n")
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("HUAWEICLOUD_SDK_IDP_ID", c["idp_id"])
    monkeypatch.setenv("HUAWEICLOUD_SDK_ID_TOKEN_FILE", str(token_file))
    monkeypatch.setenv("HUAWEICLOUD_SDK_DOMAIN_ID", c["domain_id"])
    monkeypatch.setenv("UCS_ENDPOINT", emulator.base_url)
    monkeypatch.setenv("HUAWEICLOUD_SDK_IAM_ENDPOINT", emulator.base_url)
    with Client.from_env(max_retries=0) as client:
        assert client.clusters.list()["total"] == 0
    # One of the two variables alone is refused, naming both.
    monkeypatch.delenv("HUAWEICLOUD_SDK_ID_TOKEN_FILE")
    with pytest.raises(Exception) as raised:
        Client.from_env(max_retries=0)
    assert "HUAWEICLOUD_SDK_IDP_ID" in str(raised.value)
    assert "HUAWEICLOUD_SDK_ID_TOKEN_FILE" in str(raised.value)
