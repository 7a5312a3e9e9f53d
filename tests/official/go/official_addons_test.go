// The OFFICIAL Huawei Go SDK's add-on (CreateAddonInstance, ShowAddonInstance,
// UpdateAddonInstance, DeleteAddonInstance, ListAddonInstances, ListAddonTemplates), cluster
// configuration (CreateClusterKubeconfig, CreateClusterConf), account (ShowQuota,
// ListServerConfigs) and traffic (ListRecordSets, CreateRecordSet) operations against the
// emulator: sent as the SDK declares them (JSON bodies, the X-Zone-* headers), signed by its
// signer, answered with bodies its response models decode.
package official

import (
	"net/http"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ucs/v1/model"
)

func addonsRefused(t *testing.T, op string, err error, status int, code string) {
	t.Helper()
	e, ok := err.(*sdkerr.ServiceResponseError)
	if !ok || e.StatusCode != status || e.ErrorCode != code || e.RequestId == "" {
		t.Fatalf("%s: want %d %s, got %#v", op, status, code, err)
	}
}

// addonsRegister registers a cluster of any category as JSON through the SDK's own client.
func addonsRegister(t *testing.T, hc *core.HcHttpClient, name, category, kind, provider string) string {
	t.Helper()
	body := map[string]interface{}{
		"kind": "Cluster", "apiVersion": "v1",
		"metadata": model.RegisterClusterMetadata{Name: name},
		"spec": model.RegisterClusterSpec{Category: category, Type: kind, Provider: provider,
			Country: "CN", City: "110000", ManageType: "discrete"},
	}
	resp := must(hc.Sync(&jsonBody{Body: body}, jsonDef("/v1/clusters", new(model.RegisterClusterResponse), false, false)))
	return *resp.(*model.RegisterClusterResponse).Uid
}

func addonsControl(t *testing.T, path string) {
	t.Helper()
	resp, err := http.Post(emu.base+"/_emulator/"+path, "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

func addonBody(cluster, version string) *model.AddonInstance {
	return &model.AddonInstance{Kind: "Addon", ApiVersion: "v3",
		Metadata: &model.ObjectMeta{Name: ptr("gatekeeper")},
		Spec: &model.AddonInstanceSpec{ClusterID: ptr(cluster), AddonTemplateName: ptr("gatekeeper"),
			Version: ptr(version), Values: map[string]interface{}{"basic": map[string]interface{}{"replicas": 2}}}}
}

func TestAddonsInstances(t *testing.T) {
	current = t
	reset(t)
	c, hc := official(t, emu.sk)
	cid := addonsRegister(t, hc, "go-addons", "attachedcluster", "privatek8s", "privatek8s")

	templates := must(c.ListAddonTemplates(&model.ListAddonTemplatesRequest{AddonTemplateName: ptr("gatekeeper"),
		BaseUpdateAddonVersion: ptr("3.13.4"), ClusterId: ptr(cid)}))
	if templates.Items == nil || len(*templates.Items) != 1 {
		t.Fatalf("list_addon_templates: %+v", templates)
	}
	versions := *(*templates.Items)[0].Spec.Versions
	if len(versions) != 2 || *versions[0].Version != "3.14.0" || (*versions[0].SupportVersions)[0].Category == nil {
		t.Fatalf("list_addon_templates versions: %+v", versions)
	}

	created := must(c.CreateAddonInstance(&model.CreateAddonInstanceRequest{Body: addonBody(cid, "3.14.0")}))
	if created.HttpStatusCode != 201 || *created.Status.Status != "running" || *created.Status.CurrentVersion.Version != "3.14.0" ||
		len(*created.Status.TargetVersions) != 1 {
		t.Fatalf("create_addon_instance: %+v", created)
	}
	id := *created.Metadata.Uid
	_, err := c.CreateAddonInstance(&model.CreateAddonInstanceRequest{Body: addonBody(cid, "3.15.1")})
	addonsRefused(t, "create_addon_instance twice", err, 409, "UCS.01030003")

	shown := must(c.ShowAddonInstance(&model.ShowAddonInstanceRequest{Id: id, ClusterId: ptr(cid), IsDatabaseStatus: ptr("false")}))
	if *shown.Spec.ClusterID != cid || shown.Spec.Values["basic"] == nil {
		t.Fatalf("show_addon_instance: %+v", shown)
	}
	listed := must(c.ListAddonInstances(&model.ListAddonInstancesRequest{ClusterId: cid}))
	if len(*listed.Items) != 1 || *(*listed.Items)[0].Metadata.Uid != id {
		t.Fatalf("list_addon_instances: %+v", listed)
	}
	updated := must(c.UpdateAddonInstance(&model.UpdateAddonInstanceRequest{Id: id, Body: addonBody(cid, "3.15.1")}))
	if *updated.Spec.Version != "3.15.1" || len(*updated.Status.TargetVersions) != 0 {
		t.Fatalf("update_addon_instance: %+v", updated)
	}
	_, err = c.UpdateAddonInstance(&model.UpdateAddonInstanceRequest{Id: id, Body: addonBody(cid, "9.9.9")})
	addonsRefused(t, "update_addon_instance to an unknown version", err, 400, "UCS.00000012")

	deleted := must(c.DeleteAddonInstance(&model.DeleteAddonInstanceRequest{Id: id, ClusterId: ptr(cid)}))
	if deleted.HttpStatusCode != 200 {
		t.Fatalf("delete_addon_instance: %+v", deleted)
	}
	_, err = c.ShowAddonInstance(&model.ShowAddonInstanceRequest{Id: id})
	addonsRefused(t, "show_addon_instance after delete", err, 404, "UCS.01000013")
}

func TestAddonsClusterConfigs(t *testing.T) {
	current = t
	reset(t)
	c, hc := official(t, emu.sk)
	attached := addonsRegister(t, hc, "go-attached", "attachedcluster", "privatek8s", "privatek8s")
	onprem := addonsRegister(t, hc, "go-onprem", "onpremise", "baremetal", "huaweicloud")

	kc := must(c.CreateClusterKubeconfig(&model.CreateClusterKubeconfigRequest{Clusterid: attached}))
	if *kc.Kind != "Config" || *kc.CurrentContext != "go-attached" || (*kc.Clusters)[0].Cluster.Server == nil ||
		len(*kc.Users) != 1 {
		t.Fatalf("create_cluster_kubeconfig: %+v", kc)
	}
	conf := must(c.CreateClusterConf(&model.CreateClusterConfRequest{Clusterid: onprem,
		Body: &model.RequiredInput{Username: ptr("paas"), NetworkCidr: ptr("172.16.0.0/16"), AccessExternalLoadBalance: ptr(true)}}))
	if conf.Body["CLUSTER_ID"] != onprem || conf.Body["USERNAME"] != "paas" || conf.Body["ACCESS_EXTERNAL_LOAD_BALANCE"] != true {
		t.Fatalf("create_cluster_conf: %+v", conf)
	}
	_, err := c.CreateClusterConf(&model.CreateClusterConfRequest{Clusterid: attached, Body: &model.RequiredInput{}})
	addonsRefused(t, "create_cluster_conf of an attached cluster", err, 400, "UCS.01030011")
	addonsControl(t, "clusters/"+attached+"/disconnect")
	_, err = c.CreateClusterKubeconfig(&model.CreateClusterKubeconfigRequest{Clusterid: attached})
	addonsRefused(t, "create_cluster_kubeconfig of a disconnected cluster", err, 400, "UCS.01030004")
}

func TestAddonsQuotaAndServerConfigs(t *testing.T) {
	current = t
	reset(t)
	c, hc := official(t, emu.sk)
	addonsRegister(t, hc, "go-counted", "attachedcluster", "privatek8s", "privatek8s")
	quota := must(c.ShowQuota(&model.ShowQuotaRequest{Domainid: emu.domain}))
	used := map[string]string{}
	for _, r := range *quota.Quotas.Resources {
		used[*r.Type] = *r.Used + "/" + *r.Quota
	}
	if used["cluster"] != "1/50" || used["clustergroup"] != "0/50" || used["rule"] != "0/50" || used["federation"] != "0/50" {
		t.Fatalf("show_quota: %v", used)
	}
	_, err := c.ShowQuota(&model.ShowQuotaRequest{Domainid: "another-account"})
	addonsRefused(t, "show_quota of another account", err, 403, "UCS.01000004")

	configs := must(c.ListServerConfigs(&model.ListServerConfigsRequest{}))
	if len(*configs.Onpremises.VersionsInfo) != 4 || *(*configs.Federations.VersionsInfo)[0].CurrentVersion.FederationVersion != "v1.7.0" {
		t.Fatalf("list_server_configs: %+v", configs)
	}
}

func TestAddonsRecordSets(t *testing.T) {
	current = t
	reset(t)
	c, _ := official(t, emu.sk)
	body := []model.CreateRecordSetRequestBody{{Name: "www.example.com.", Ttl: 300, Records: &[]string{"10.0.0.1"},
		Line: "default_view", Weight: ptr(int32(1)), Type: ptr("A")}}
	created := must(c.CreateRecordSet(&model.CreateRecordSetRequest{XZoneProjectID: "p1", XZoneID: "zone-a", Body: &body}))
	if created.Body == nil || len(*created.Body) != 1 || *(*created.Body)[0].ZoneId != "zone-a" || *(*created.Body)[0].ProjectId != "p1" {
		t.Fatalf("create_record_set: %+v", created)
	}
	_, err := c.CreateRecordSet(&model.CreateRecordSetRequest{XZoneProjectID: "p1", XZoneID: "zone-a", Body: &body})
	addonsRefused(t, "create_record_set twice", err, 400, "UCS.01050001")
	_, err = c.CreateRecordSet(&model.CreateRecordSetRequest{XZoneProjectID: "p1", Body: &body})
	addonsRefused(t, "create_record_set without X-Zone-ID", err, 400, "UCS.00000016")
	listed := must(c.ListRecordSets(&model.ListRecordSetsRequest{}))
	if len(*listed.Recordsets) != 1 || *listed.Metadata.TotalCount != 1 || (*listed.Recordsets)[0].Name != "www.example.com." {
		t.Fatalf("list_record_sets: %+v", listed)
	}
}
