"""The OFFICIAL Huawei Python SDK (huaweicloudsdkucs) against our emulator.

Its signatures must be accepted (the emulator verifies them with the same signer the Rust core
uses), a wrong SK must be refused, and its form-encoded creates (a known official-SDK defect that
OPERATIONS.md says not to copy) must be refused as invalid bodies, as the real service does.
"""
import urllib.request

import pytest
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkucs.v1 import UcsClient
from huaweicloudsdkucs.v1.model import (
    CreateRuleRequest, CreateRuleRequestBody, CreateRuleObjectMeta, RuleSpec, DeleteClusterRequest,
    ListClusterGroupRequest, ListRegisteredClusterVersionsRequest, RegisterCluster, RegisterClusterMetadata,
    RegisterClusterRequest, RegisterClusterSpec, ShowClusterListRequest, ShowClusterRequest,
)


def official_client(emulator, sk=None):
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    creds = GlobalCredentials(emulator["ak"], sk or emulator["sk"], emulator["domain_id"])
    return (UcsClient.new_builder().with_http_config(config).with_credentials(creds)
            .with_endpoints([emulator["base"]]).build())


@pytest.fixture(autouse=True)
def reset(emulator):
    urllib.request.urlopen(urllib.request.Request(emulator["base"] + "/_emulator/reset", method="POST")).read()


def test_signed_json_calls_are_accepted(emulator):
    client = official_client(emulator)
    versions = client.list_registered_cluster_versions(ListRegisteredClusterVersionsRequest())
    assert "v1.25" in versions.versions
    clusters = client.show_cluster_list(ShowClusterListRequest(limit=10, offset=0, order="desc"))
    assert clusters.total == 0 and clusters.items == []
    fleets = client.list_cluster_group(ListClusterGroupRequest())
    assert fleets.total == 0


def test_not_found_keeps_code_and_request_id(emulator):
    client = official_client(emulator)
    with pytest.raises(ClientRequestException) as err:
        client.show_cluster(ShowClusterRequest(clusterid="b0d1ecb5-7947-11ee-9467-0255ac1001bf"))
    assert err.value.status_code == 404
    assert err.value.error_code == "UCS.01030001"
    assert err.value.request_id
    with pytest.raises(ClientRequestException) as err:
        client.delete_cluster(DeleteClusterRequest(clusterid="b0d1ecb5-7947-11ee-9467-0255ac1001bf"))
    assert err.value.error_code == "UCS.01030001"


def test_wrong_secret_key_is_refused(emulator):
    client = official_client(emulator, sk="not-the-secret-key")
    with pytest.raises(ClientRequestException) as err:
        client.list_registered_cluster_versions(ListRegisteredClusterVersionsRequest())
    assert err.value.status_code == 401
    assert err.value.error_code == "UCS.01000003"


def test_form_encoded_creates_are_refused_for_their_content_type(emulator):
    client = official_client(emulator)
    body = RegisterCluster(kind="Cluster", api_version="v1", metadata=RegisterClusterMetadata(name="official"),
                           spec=RegisterClusterSpec(category="attachedcluster", type="privatek8s",
                                                    provider="privatek8s", country="CN", city="110000",
                                                    manage_type="discrete"))
    with pytest.raises(ClientRequestException) as err:
        client.register_cluster(RegisterClusterRequest(body=body))
    assert (err.value.status_code, err.value.error_code) == (400, "UCS.00000016")
    rule = CreateRuleRequestBody(metadata=CreateRuleObjectMeta(name="r"), spec=RuleSpec(type="admin"))
    with pytest.raises(ClientRequestException) as err:
        client.create_rule(CreateRuleRequest(body=rule))
    assert (err.value.status_code, err.value.error_code) == (400, "UCS.00000016")
    assert client.show_cluster_list(ShowClusterListRequest()).total == 0
