// The official Go SDK's policy operations (EnableClusterPolicy, ..., UpdatePolicyDefination,
// ..., DeletePolicyInstance) against the emulator: sent as the SDK declares them (JSON bodies,
// `retry` and `kind` queries), signed by its signer, answered with bodies its response models
// decode (UcsJob times as SdkTime, UcsConstraint, untyped template specs).
package official

import (
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ucs/v1/model"
)

func policyRefused(t *testing.T, op string, err error, status int, code string) {
	t.Helper()
	e, ok := err.(*sdkerr.ServiceResponseError)
	if !ok || e.StatusCode != status || e.ErrorCode != code || e.RequestId == "" {
		t.Fatalf("%s: want %d %s, got %#v", op, status, code, err)
	}
}

func TestPoliciesEveryOperation(t *testing.T) {
	current = t
	reset(t)
	c, hc := official(t, emu.sk)
	cid := registerCluster(t, hc, "go-policy")
	fleetBody := map[string]interface{}{"metadata": map[string]string{"name": "go-policy-fleet"}}
	fleetResp := must(hc.Sync(&jsonBody{Body: fleetBody}, jsonDef("/v1/clustergroups", new(model.RegisterClusterGroupResponse), false, false)))
	fid := *fleetResp.(*model.RegisterClusterGroupResponse).Uid

	defs := must(c.ListPolicyDefinitions(&model.ListPolicyDefinitionsRequest{}))
	if defs.Items == nil || len(*defs.Items) != 4 || *defs.Kind != "List" {
		t.Fatalf("list_policy_definitions: %+v", defs)
	}
	var labels, repos string
	for _, d := range *defs.Items {
		switch *d.Metadata.Name {
		case "k8srequiredlabels":
			labels = *d.Metadata.Uid
		case "k8sallowedrepos":
			repos = *d.Metadata.Uid
		}
	}
	shown := must(c.ShowPolicyDefinition(&model.ShowPolicyDefinitionRequest{Policydefinitionid: labels}))
	if *shown.Kind != "ConstraintTemplate" || shown.Spec == nil {
		t.Fatalf("show_policy_definition: %+v", shown)
	}
	updated := must(c.UpdatePolicyDefination(&model.UpdatePolicyDefinationRequest{Policydefinitionid: labels,
		Body: &model.UcsConstraintTemplateTagRequest{Tag: ptr("security;labels")}}))
	emptyObject(t, "update_policy_defination", updated.Body)
	if ann := (*updated.Body).(map[string]interface{})["metadata"].(map[string]interface{})["annotations"]; ann.(map[string]interface{})["tag"] != "security;labels" {
		t.Fatalf("update_policy_defination answered %#v", *updated.Body)
	}

	enabled := must(c.EnableClusterPolicy(&model.EnableClusterPolicyRequest{Clusterid: cid}))
	if enabled.JobID == nil || *enabled.JobID == "" {
		t.Fatalf("enable_cluster_policy: %+v", enabled)
	}
	_, err := c.EnableClusterPolicy(&model.EnableClusterPolicyRequest{Clusterid: cid})
	policyRefused(t, "enable_cluster_policy twice", err, 400, "UCS.00150003")
	_, err = c.EnableClusterPolicy(&model.EnableClusterPolicyRequest{Clusterid: cid, Retry: ptr("true")})
	policyRefused(t, "enable_cluster_policy retry", err, 400, "UCS.00150003")
	job := must(c.ShowPolicyJob(&model.ShowPolicyJobRequest{Jobid: *enabled.JobID}))
	if *job.Status.Status != "Succeeded" || job.Status.StartTime == nil || job.Status.FinishTime == nil ||
		*job.Spec.Type != "EnablePolicy" || len(*job.Spec.TaskList) != 3 || job.Spec.RelatedObjects["clusterID"] != cid {
		t.Fatalf("show_policy_job: %+v", job)
	}
	jobs := must(c.ListPolicyJobs(&model.ListPolicyJobsRequest{Kind: ptr("EnablePolicy")}))
	if len(*jobs.Items) != 1 || *(*jobs.Items)[0].Metadata.Uid != *enabled.JobID {
		t.Fatalf("list_policy_jobs: %+v", jobs)
	}
	_, err = c.ListPolicyJobs(&model.ListPolicyJobsRequest{Kind: ptr("Nonsense")})
	policyRefused(t, "list_policy_jobs kind", err, 400, "UCS.00000011")

	created := must(c.CreateClusterPolicyInstance(&model.CreateClusterPolicyInstanceRequest{Clusterid: cid,
		Body: &model.UcsConstraintRequest{ConstraintTemplateID: &labels, EnforcementAction: ptr("warn"),
			Namespaces: &[]string{"default"}, Parameters: ptr[interface{}](map[string]interface{}{"labels": []interface{}{map[string]string{"key": "owner"}}})}}))
	if created.JobID == nil {
		t.Fatalf("create_cluster_policy_instance: %+v", created)
	}
	_, err = c.CreateClusterPolicyInstance(&model.CreateClusterPolicyInstanceRequest{Clusterid: cid,
		Body: &model.UcsConstraintRequest{ConstraintTemplateID: ptr("00000000-0000-0000-0000-000000000000")}})
	policyRefused(t, "create_cluster_policy_instance unknown definition", err, 404, "UCS.01000013")

	must(c.EnableClusterGroupPolicy(&model.EnableClusterGroupPolicyRequest{Clustergroupid: fid}))
	must(c.CreateClusterGroupPolicyInstance(&model.CreateClusterGroupPolicyInstanceRequest{Clustergroupid: fid,
		Body: &model.UcsConstraintRequest{ConstraintTemplateID: &repos}}))
	instances := must(c.ListPolicyInstances(&model.ListPolicyInstancesRequest{}))
	if len(*instances.Items) != 2 {
		t.Fatalf("list_policy_instances: %+v", instances)
	}
	first := (*instances.Items)[0]
	if *first.Spec.TargetScope != "cluster" || *first.Spec.TargetID != cid ||
		*first.Spec.Constraint.Spec.EnforcementAction != "warn" || (*first.Spec.Constraint.Spec.Match.Namespaces)[0] != "default" ||
		len(*first.Status.Violations) != 1 || *(*first.Status.Violations)[0].ClusterID != cid {
		t.Fatalf("the cluster's instance: %+v", first)
	}
	iid := *first.Metadata.Uid
	must(c.UpdatePolicyInstance(&model.UpdatePolicyInstanceRequest{Policyinstanceid: iid,
		Body: &model.UcsConstraintRequest{EnforcementAction: ptr("deny")}}))
	one := must(c.ShowPolicyInstance(&model.ShowPolicyInstanceRequest{Policyinstanceid: iid}))
	if *one.Spec.Constraint.Spec.EnforcementAction != "deny" || *one.Spec.ConstraintTemplateID != labels {
		t.Fatalf("show_policy_instance: %+v", one)
	}
	deleted := must(c.DeletePolicyInstance(&model.DeletePolicyInstanceRequest{Policyinstanceid: iid}))
	if deleted.JobID == nil {
		t.Fatalf("delete_policy_instance: %+v", deleted)
	}
	_, err = c.ShowPolicyInstance(&model.ShowPolicyInstanceRequest{Policyinstanceid: iid})
	policyRefused(t, "show_policy_instance deleted", err, 404, "UCS.01000013")

	must(c.DisableClusterPolicy(&model.DisableClusterPolicyRequest{Clusterid: cid}))
	_, err = c.DisableClusterPolicy(&model.DisableClusterPolicyRequest{Clusterid: cid})
	policyRefused(t, "disable_cluster_policy twice", err, 400, "UCS.00150005")
	disabled := must(c.DisableClusterGroupPolicy(&model.DisableClusterGroupPolicyRequest{Clustergroupid: fid}))
	if disabled.JobID == nil {
		t.Fatalf("disable_cluster_group_policy: %+v", disabled)
	}
	left := must(c.ListPolicyInstances(&model.ListPolicyInstancesRequest{}))
	if left.Items == nil || len(*left.Items) != 0 {
		t.Fatalf("instances after disabling: %+v", left)
	}
	_, err = c.DisableClusterGroupPolicy(&model.DisableClusterGroupPolicyRequest{Clustergroupid: fid})
	policyRefused(t, "disable_cluster_group_policy twice", err, 400, "UCS.00150006")
}
