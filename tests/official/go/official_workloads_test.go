// The official Go SDK's federated-workload operations (CreateProxyUnitedWorkload,
// ShowProxyUnitedWorkload, UpdateProxyUnitedWorkload, DeleteProxyUnitedWorkload) and
// UpgradeFederation against the emulator: sent as the SDK declares them (JSON), signed by its
// signer, answered with bodies its response models decode (strings where its models say so).
package official

import (
	"fmt"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ucs/v1/model"
)

func serviceError(t *testing.T, op string, err error, status int, code string) {
	t.Helper()
	e, ok := err.(*sdkerr.ServiceResponseError)
	if !ok || e.StatusCode != status || e.ErrorCode != code || e.RequestId == "" {
		t.Fatalf("%s: want %d %s, got %#v", op, status, code, err)
	}
}

func TestWorkloadsUnitedWorkloadAndUpgrade(t *testing.T) {
	current = t
	reset(t)
	c, hc := official(t, emu.sk)
	cid := registerCluster(t, hc, "go-wl-a")
	fleetBody := map[string]interface{}{"metadata": map[string]string{"name": "go-wl"},
		"spec": map[string]interface{}{"clusterIds": []string{cid}}}
	fleetResp := must(hc.Sync(&jsonBody{Body: fleetBody}, jsonDef("/v1/clustergroups", new(model.RegisterClusterGroupResponse), false, false)))
	fid := *fleetResp.(*model.RegisterClusterGroupResponse).Uid

	query := func() (*string, *string) { return ptr("default"), ptr("web") }
	ns, name := query()
	_, err := c.ShowProxyUnitedWorkload(&model.ShowProxyUnitedWorkloadRequest{Clustergroupid: fid, Kind: "Deployment", Namespace: ns, Name: name})
	serviceError(t, "show_proxy_united_workload without federation", err, 400, "UCS.01080006")
	must(c.EnableFederation(&model.EnableFederationRequest{Clustergroupid: fid}))

	var template interface{} = map[string]interface{}{"spec": map[string]interface{}{"replicas": 2,
		"selector": map[string]interface{}{"matchLabels": map[string]string{"app": "web"}}}}
	var overriders interface{} = map[string]interface{}{"plaintext": []interface{}{
		map[string]interface{}{"path": "/spec/replicas", "operator": "replace", "value": 1}}}
	body := &model.MutiWorkload{Kind: ptr("Deployment"), ApiVersion: ptr("apps/v1"),
		Metadata: &model.ObjectMeta{Name: ptr("web"), Namespace: ptr("default"), Labels: map[string]string{"app": "web"}},
		Template: &template,
		PropagationPolicy: &model.PropagationPolicy{Spec: &model.PropagationSpec{
			Placement: &model.Placement{ClusterAffinity: &model.ClusterAffinity{ClusterNames: &[]string{"go-wl-a"}}}}},
		OverridePolicy: &model.OverridePolicy{Spec: &model.OverrideSpec{Overriders: &overriders}},
	}
	created := must(c.CreateProxyUnitedWorkload(&model.CreateProxyUnitedWorkloadRequest{Clustergroupid: fid, Body: body}))
	if created.HttpStatusCode != 201 {
		t.Fatalf("create_proxy_united_workload answered %d", created.HttpStatusCode)
	}
	_, err = c.CreateProxyUnitedWorkload(&model.CreateProxyUnitedWorkloadRequest{Clustergroupid: fid, Body: body})
	serviceError(t, "create_proxy_united_workload twice", err, 409, "UCS.01100004")

	shown := must(c.ShowProxyUnitedWorkload(&model.ShowProxyUnitedWorkloadRequest{Clustergroupid: fid, Kind: "Deployment", Namespace: ns, Name: name}))
	if *shown.Kind != "Deployment" || *shown.Metadata.Name != "web" || *shown.Metadata.Generation != "1" || shown.Metadata.Uid == nil {
		t.Fatalf("show_proxy_united_workload: %+v %+v", shown, shown.Metadata)
	}
	if *shown.PropagationPolicy.Kind != "PropagationPolicy" || *shown.OverridePolicy.Kind != "OverridePolicy" {
		t.Fatalf("show_proxy_united_workload policies: %+v %+v", shown.PropagationPolicy, shown.OverridePolicy)
	}
	clusters := *shown.ResourceBinding.Spec.Clusters
	if len(clusters) != 1 || *clusters[0].Name != "go-wl-a" || clusters[0].Replicas == nil {
		t.Fatalf("show_proxy_united_workload binding: %+v", clusters)
	}

	template = map[string]interface{}{"spec": map[string]interface{}{"replicas": 3}}
	body.OverridePolicy = nil
	must(c.UpdateProxyUnitedWorkload(&model.UpdateProxyUnitedWorkloadRequest{Clustergroupid: fid, Body: body}))
	shown = must(c.ShowProxyUnitedWorkload(&model.ShowProxyUnitedWorkloadRequest{Clustergroupid: fid, Kind: "Deployment", Name: name}))
	spec := (*shown.Template).(map[string]interface{})["spec"].(map[string]interface{})
	if fmt.Sprint(spec["replicas"]) != "3" || *shown.Metadata.Generation != "2" || shown.OverridePolicy != nil {
		t.Fatalf("update_proxy_united_workload did not replace: %+v %+v", spec, shown.OverridePolicy)
	}

	must(c.DeleteProxyUnitedWorkload(&model.DeleteProxyUnitedWorkloadRequest{Clustergroupid: fid, Kind: "Deployment", Namespace: ns, Name: name}))
	_, err = c.ShowProxyUnitedWorkload(&model.ShowProxyUnitedWorkloadRequest{Clustergroupid: fid, Kind: "Deployment", Name: name})
	serviceError(t, "show_proxy_united_workload after delete", err, 404, "UCS.01000013")
	_, err = c.DeleteProxyUnitedWorkload(&model.DeleteProxyUnitedWorkloadRequest{Clustergroupid: fid, Kind: "Deployment", Name: name})
	serviceError(t, "delete_proxy_united_workload twice", err, 404, "UCS.01000013")

	up := must(c.UpgradeFederation(&model.UpgradeFederationRequest{Clustergroupid: fid,
		Body: &model.UpgradeFederationRequestBody{TargetVersion: ptr("v1.10.7-t1023")}}))
	if up.Body == nil {
		t.Fatalf("upgrade_federation: no body")
	}
	answer, ok := (*up.Body).(map[string]interface{})
	if !ok || answer["jobId"] == nil || answer["message"] == nil {
		t.Fatalf("upgrade_federation answered %#v", *up.Body)
	}
	fleet := must(c.ShowClusterGroup(&model.ShowClusterGroupRequest{Clustergroupid: fid}))
	if *fleet.Spec.FederationVersion != "v1.10.7-t1023" {
		t.Fatalf("upgrade_federation did not record the version: %s", *fleet.Spec.FederationVersion)
	}
	_, err = c.UpgradeFederation(&model.UpgradeFederationRequest{Clustergroupid: fid,
		Body: &model.UpgradeFederationRequestBody{TargetVersion: ptr("v0.0.1")}})
	serviceError(t, "upgrade_federation to an unknown version", err, 400, "UCS.00000012")
}
