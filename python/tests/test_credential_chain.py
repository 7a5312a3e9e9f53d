"""The official credential and region chain through `Client.from_env`: keys from a profile
file's `[basiccredentials]` section, endpoints from `HUAWEICLOUD_SDK_REGION_*` overrides."""
from __future__ import annotations

import pytest

from ucs_sdk import Client
from ucs_sdk.errors import UcsError

_CLEARED = (
    "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "HUAWEICLOUD_SDK_DOMAIN_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "HUAWEICLOUD_SDK_IAM_ENDPOINT",
    "UCS_ENDPOINT", "UCS_HSS_ENDPOINT", "UCS_IAM_ENDPOINT", "HUAWEICLOUD_SDK_REGIONS_FILE",
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
