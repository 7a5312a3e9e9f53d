"""The OFFICIAL Python SDK (huaweicloudsdkucs 3.1.219) drives every GitOps operation against the
emulator (enable/status/disable, repositories, config sets, statistics): its requests are
accepted and its response models decode our answers; a repository password is never answered."""
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
    ClusterInfo, CreateConfigSetRequest, CreateConfigSetRequestBody, CreateRepoRequest, CreateRepoRequestBody,
    DeleteConfigSetRequest, DeleteRepoRequest, DisableGitOpsRequest, EnableGitOpsRequest, GitRepositoryRef,
    GitRepositorySpec, KustomizationSpec, ListConfigSetsRequest, ListReposRequest, SecretInfo, ShowConfigSetRequest,
    ShowGitOpsStatusRequest, ShowGitopsStatisticsRequest, SourceRef, UpdateConfigSetRequest,
    UpdateConfigSetRequestBody, UpdateRepoRequest, UpdateRepoRequestBody,
)

from conftest import REPO

PASSWORD = "official-sdk-pa55word"


def official_client(emulator):
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    creds = GlobalCredentials(emulator["ak"], emulator["sk"], emulator["domain_id"])
    return (UcsClient.new_builder().with_http_config(config).with_credentials(creds)
            .with_endpoints([emulator["base"]]).build())


@pytest.fixture(autouse=True)
def reset(emulator):
    urllib.request.urlopen(urllib.request.Request(emulator["base"] + "/_emulator/reset", method="POST")).read()


def _cluster(emulator):
    """Registered with our CLI: the official SDK sends the registration form-encoded (refused,
    see test_official_sdk.py)."""
    binary = os.environ.get("UCS_BIN", str(REPO / "target" / "debug" / "ucs"))
    body = json.dumps({"metadata": {"name": "flux"},
                       "spec": {"category": "attachedcluster", "type": "privatek8s", "provider": "privatek8s",
                                "country": "CN", "city": "110000", "manageType": "discrete"}})
    out = subprocess.run(
        [binary, "--endpoint", emulator["base"], "--ak", emulator["ak"], "--sk", emulator["sk"],
         "--domain-id", emulator["domain_id"], "-o", "json", "clusters", "register", "-f", "-"],
        input=body, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["uid"]


def test_every_gitops_operation_through_the_official_sdk(emulator):
    client = official_client(emulator)
    cluster = _cluster(emulator)

    with pytest.raises(ClientRequestException) as err:
        client.show_git_ops_status(ShowGitOpsStatusRequest(clusterid=cluster))
    assert (err.value.status_code, err.value.error_code) == (400, "UCS.00060003")
    enabled = client.enable_git_ops(EnableGitOpsRequest(clusterid=cluster, retry="false"))
    assert enabled.status_code == 201 and enabled.job_id
    with pytest.raises(ClientRequestException) as err:
        client.enable_git_ops(EnableGitOpsRequest(clusterid=cluster))
    assert (err.value.status_code, err.value.error_code) == (400, "UCS.00060002")
    status = client.show_git_ops_status(ShowGitOpsStatusRequest(clusterid=cluster))
    assert sorted(p.metadata.name.rsplit("-", 1)[0] for p in status.items) == [
        "helm-controller", "kustomize-controller", "notification-controller", "source-controller"]
    assert {p.status.phase for p in status.items} == {"Running"}

    repo = client.create_repo(CreateRepoRequest(body=CreateRepoRequestBody(
        name="apps", namespace="default",
        git_repository_spec=GitRepositorySpec(url="https://example.com/apps.git", ref=GitRepositoryRef(branch="main"),
                                              interval="5m"),
        secret_info=SecretInfo(auth_mode="basic", secret={"username": "deploy", "password": PASSWORD}),
        cluster_info=ClusterInfo(cluster_id=cluster))))
    assert repo.uid
    repos = client.list_repos(ListReposRequest(clusterid=cluster, limit=10, offset=0, order_by="create_at",
                                               order="desc"))
    assert repos.total == 1
    listed = repos.items[0]
    assert (listed.uid, listed.name, listed.repo_type, listed.repo_status) == (repo.uid, "apps", "GitRepository",
                                                                                "Health")
    assert listed.git_repository.spec.ref.branch == "main"
    assert listed.git_repository.spec.secret_ref.name == "apps-auth"
    assert listed.git_repository.status.artifact.revision.startswith("main@sha1:")
    assert listed.cluster_info.cluster_id == cluster
    assert listed.secret_info.auth_mode == "basic"
    assert PASSWORD not in json.dumps(listed.to_dict())
    updated = client.update_repo(UpdateRepoRequest(repoid=repo.uid, body=UpdateRepoRequestBody(
        repo_type="GitRepository", git_repository_spec=GitRepositorySpec(ref=GitRepositoryRef(branch="release")))))
    assert updated.status_code == 200
    assert client.list_repos(ListReposRequest(clusterid=cluster)).items[0].git_repository.metadata.generation == 2

    with pytest.raises(ClientRequestException) as err:
        client.create_config_set(CreateConfigSetRequest(body=CreateConfigSetRequestBody(
            name="web", namespace="default", repo_name="missing", cluster_info=ClusterInfo(cluster_id=cluster))))
    assert (err.value.status_code, err.value.error_code) == (400, "UCS.00060001")
    created = client.create_config_set(CreateConfigSetRequest(body=CreateConfigSetRequestBody(
        name="web", namespace="default", config_set_type="Kustomization", repo_name="apps",
        kustomization_spec=KustomizationSpec(path="./deploy", prune=True,
                                             source_ref=SourceRef(kind="GitRepository", name="apps")),
        cluster_info=ClusterInfo(cluster_id=cluster))))
    assert created.uid
    shown = client.show_config_set(ShowConfigSetRequest(configsetid=created.uid))
    assert (shown.name, shown.repo_name, shown.config_set_status) == ("web", "apps", "Health")
    assert shown.kustomization.spec.source_ref.name == "apps" and shown.kustomization.spec.prune is True
    assert shown.kustomization.status.observed_generation == 1
    assert client.update_config_set(UpdateConfigSetRequest(configsetid=created.uid, body=UpdateConfigSetRequestBody(
        kustomization_spec=KustomizationSpec(path="./deploy/v2")))).status_code == 200
    sets = client.list_config_sets(ListConfigSetsRequest(clusterid=cluster, limit=1))
    assert sets.total == 1 and sets.items[0].kustomization.spec.path == "./deploy/v2"
    stats = client.show_gitops_statistics(ShowGitopsStatisticsRequest(limit=10))
    assert stats.total == 1
    assert stats.overview_status.config_set_total_num == 1 and stats.overview_status.health_status_num == 1
    assert (stats.items[0].cluster_id, stats.items[0].source_repo_num, stats.items[0].k8s_resource_num) == (
        cluster, 1, 2)

    with pytest.raises(ClientRequestException) as err:
        client.delete_repo(DeleteRepoRequest(repoid=repo.uid))
    assert (err.value.status_code, err.value.error_code) == (400, "UCS.00060001")
    assert client.delete_config_set(DeleteConfigSetRequest(configsetid=created.uid)).status_code == 200
    with pytest.raises(ClientRequestException) as err:
        client.show_config_set(ShowConfigSetRequest(configsetid=created.uid))
    assert (err.value.status_code, err.value.error_code) == (404, "UCS.01000013")
    assert client.delete_repo(DeleteRepoRequest(repoid=repo.uid)).status_code == 200
    assert client.list_repos(ListReposRequest(clusterid=cluster)).total == 0

    disabled = client.disable_git_ops(DisableGitOpsRequest(clusterid=cluster))
    assert disabled.job_id
    with pytest.raises(ClientRequestException) as err:
        client.disable_git_ops(DisableGitOpsRequest(clusterid=cluster))
    assert (err.value.status_code, err.value.error_code) == (400, "UCS.00060003")
