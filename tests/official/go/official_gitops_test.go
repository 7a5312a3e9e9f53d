// The official Go SDK's GitOps operations (EnableGitOps, ShowGitOpsStatus, DisableGitOps,
// CreateRepo, ListRepos, UpdateRepo, DeleteRepo, CreateConfigSet, ListConfigSets, ShowConfigSet,
// UpdateConfigSet, DeleteConfigSet, ShowGitopsStatistics) against the emulator: sent as the SDK
// declares them (JSON bodies, `retry`/`clusterid`/paging queries), answered with bodies its
// response models decode; a repository password is never answered.
package official

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ucs/v1/model"
)

func gitopsRefused(t *testing.T, op string, err error, status int, code string) {
	t.Helper()
	e, ok := err.(*sdkerr.ServiceResponseError)
	if !ok || e.StatusCode != status || e.ErrorCode != code || e.RequestId == "" {
		t.Fatalf("%s: want %d %s, got %#v", op, status, code, err)
	}
}

func TestGitOpsEveryOperation(t *testing.T) {
	current = t
	reset(t)
	c, hc := official(t, emu.sk)
	cid := registerCluster(t, hc, "go-gitops")
	const password = "go-official-pa55word"

	_, err := c.ShowGitOpsStatus(&model.ShowGitOpsStatusRequest{Clusterid: cid})
	gitopsRefused(t, "show_git_ops_status before enabling", err, 400, "UCS.00060003")
	enabled := must(c.EnableGitOps(&model.EnableGitOpsRequest{Clusterid: cid, Retry: ptr("false")}))
	if enabled.JobID == nil || *enabled.JobID == "" || enabled.HttpStatusCode != 201 {
		t.Fatalf("enable_git_ops: %+v", enabled)
	}
	_, err = c.EnableGitOps(&model.EnableGitOpsRequest{Clusterid: cid})
	gitopsRefused(t, "enable_git_ops twice", err, 400, "UCS.00060002")
	status := must(c.ShowGitOpsStatus(&model.ShowGitOpsStatusRequest{Clusterid: cid}))
	if status.Items == nil || len(*status.Items) != 4 {
		t.Fatalf("show_git_ops_status: %+v", status)
	}
	for _, pod := range *status.Items {
		if *pod.Status.Phase != "Running" || pod.Status.ContainerStatuses == nil || !*(*pod.Status.ContainerStatuses)[0].Ready {
			t.Fatalf("show_git_ops_status pod: %+v", pod)
		}
	}

	var secret interface{} = map[string]string{"username": "deploy", "password": password}
	repo := must(c.CreateRepo(&model.CreateRepoRequest{Body: &model.CreateRepoRequestBody{
		Name: ptr("apps"), Namespace: ptr("default"),
		GitRepositorySpec: &model.GitRepositorySpec{Url: ptr("https://example.com/apps.git"),
			Ref: &model.GitRepositoryRef{Branch: ptr("main")}, Interval: ptr("5m")},
		SecretInfo:  &model.SecretInfo{AuthMode: ptr("basic"), Secret: &secret},
		ClusterInfo: &model.ClusterInfo{ClusterID: &cid}}}))
	if repo.Uid == nil {
		t.Fatalf("create_repo: %+v", repo)
	}
	repos := must(c.ListRepos(&model.ListReposRequest{Clusterid: cid, Limit: ptr[int32](10), Offset: ptr[int32](0),
		OrderBy: ptr("create_at"), Order: ptr("asc")}))
	if *repos.Total != 1 || len(*repos.Items) != 1 {
		t.Fatalf("list_repos: %+v", repos)
	}
	listed := (*repos.Items)[0]
	if *listed.Uid != *repo.Uid || *listed.RepoType != "GitRepository" || *listed.RepoStatus != "Health" ||
		*listed.GitRepository.Spec.Ref.Branch != "main" || *listed.GitRepository.Spec.SecretRef.Name != "apps-auth" ||
		*listed.GitRepository.Metadata.Generation != 1 || *listed.ClusterInfo.ClusterID != cid ||
		!strings.HasPrefix(*listed.GitRepository.Status.Artifact.Revision, "main@sha1:") {
		t.Fatalf("list_repos item: %+v", listed)
	}
	if text, _ := json.Marshal(listed); strings.Contains(string(text), password) {
		t.Fatalf("list_repos answered the password: %s", text)
	}
	updated := must(c.UpdateRepo(&model.UpdateRepoRequest{Repoid: *repo.Uid, Body: &model.UpdateRepoRequestBody{
		RepoType: ptr("GitRepository"), GitRepositorySpec: &model.GitRepositorySpec{Ref: &model.GitRepositoryRef{Branch: ptr("release")}}}}))
	emptyObject(t, "update_repo", updated.Body)

	_, err = c.CreateConfigSet(&model.CreateConfigSetRequest{Body: &model.CreateConfigSetRequestBody{
		Name: "web", Namespace: "default", RepoName: ptr("missing"), ClusterInfo: &model.ClusterInfo{ClusterID: &cid}}})
	gitopsRefused(t, "create_config_set of a missing repository", err, 400, "UCS.00060001")
	created := must(c.CreateConfigSet(&model.CreateConfigSetRequest{Body: &model.CreateConfigSetRequestBody{
		Name: "web", Namespace: "default", ConfigSetType: ptr("Kustomization"), RepoName: ptr("apps"),
		KustomizationSpec: &model.KustomizationSpec{Path: ptr("./deploy"), Prune: ptr(true),
			SourceRef: &model.SourceRef{Kind: "GitRepository", Name: "apps"}},
		ClusterInfo: &model.ClusterInfo{ClusterID: &cid}}}))
	if created.Uid == nil {
		t.Fatalf("create_config_set: %+v", created)
	}
	shown := must(c.ShowConfigSet(&model.ShowConfigSetRequest{Configsetid: *created.Uid}))
	if *shown.Name != "web" || *shown.RepoName != "apps" || *shown.ConfigSetStatus != "Health" ||
		shown.Kustomization.Spec.SourceRef.Name != "apps" || !*shown.Kustomization.Spec.Prune ||
		*shown.Kustomization.Status.ObservedGeneration != 1 || *shown.GitRepository.Spec.Ref.Branch != "release" {
		t.Fatalf("show_config_set: %+v", shown)
	}
	changed := must(c.UpdateConfigSet(&model.UpdateConfigSetRequest{Configsetid: *created.Uid,
		Body: &model.UpdateConfigSetRequestBody{KustomizationSpec: &model.KustomizationSpec{Path: ptr("./deploy/v2")}}}))
	emptyObject(t, "update_config_set", changed.Body)
	sets := must(c.ListConfigSets(&model.ListConfigSetsRequest{Clusterid: cid, Limit: ptr[int32](1)}))
	if *sets.Total != 1 || *(*sets.Items)[0].Kustomization.Spec.Path != "./deploy/v2" ||
		*(*sets.Items)[0].Kustomization.Metadata.Generation != 2 {
		t.Fatalf("list_config_sets: %+v", sets)
	}
	stats := must(c.ShowGitopsStatistics(&model.ShowGitopsStatisticsRequest{Limit: ptr[int32](10)}))
	if *stats.Total != 1 || *stats.OverviewStatus.ConfigSetTotalNum != 1 || *stats.OverviewStatus.HealthStatusNum != 1 ||
		*(*stats.Items)[0].ClusterID != cid || *(*stats.Items)[0].SourceRepoNum != 1 || *(*stats.Items)[0].K8sResourceNum != 2 {
		t.Fatalf("show_gitops_statistics: %+v", stats)
	}

	_, err = c.DeleteRepo(&model.DeleteRepoRequest{Repoid: *repo.Uid})
	gitopsRefused(t, "delete_repo in use", err, 400, "UCS.00060001")
	deletedSet := must(c.DeleteConfigSet(&model.DeleteConfigSetRequest{Configsetid: *created.Uid}))
	emptyObject(t, "delete_config_set", deletedSet.Body)
	_, err = c.ShowConfigSet(&model.ShowConfigSetRequest{Configsetid: *created.Uid})
	gitopsRefused(t, "show_config_set deleted", err, 404, "UCS.01000013")
	deletedRepo := must(c.DeleteRepo(&model.DeleteRepoRequest{Repoid: *repo.Uid}))
	if deletedRepo.HttpStatusCode != 200 {
		t.Fatalf("delete_repo: %+v", deletedRepo)
	}
	if left := must(c.ListRepos(&model.ListReposRequest{Clusterid: cid})); *left.Total != 0 {
		t.Fatalf("list_repos after delete: %+v", left)
	}

	disabled := must(c.DisableGitOps(&model.DisableGitOpsRequest{Clusterid: cid}))
	if disabled.JobID == nil {
		t.Fatalf("disable_git_ops: %+v", disabled)
	}
	_, err = c.DisableGitOps(&model.DisableGitOpsRequest{Clusterid: cid})
	gitopsRefused(t, "disable_git_ops twice", err, 400, "UCS.00060003")
}
