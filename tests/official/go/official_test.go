// The OFFICIAL Huawei Go SDK (huaweicloud-sdk-go-v3, services/ucs/v1) against the emulator:
// every one of the 30 operations of docs/OPERATIONS.md it sends is signed by its own signer,
// accepted, and answered with a body its own response model decodes.
//
// Its four creates (RegisterCluster, RegisterClusterGroup, CreateRule, JoinGroup) are declared
// form-encoded/multipart by the SDK, a defect OPERATIONS.md says not to copy (the API takes
// JSON): they are sent as JSON through the SDK's own HcHttpClient with a request definition of
// this file, so the SDK's signer still signs them.
//
// The emulator is `$UCS_BIN emulator` (default ../../../target/debug/ucs), or the one at
// UCS_BASE_URL with UCS_AK, UCS_SK and UCS_DOMAIN_ID.
package official

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/global"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/def"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	ucs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ucs/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ucs/v1/model"
)

type emulator struct {
	base, ak, sk, domain string
}

var emu emulator

func TestMain(m *testing.M) {
	if base := os.Getenv("UCS_BASE_URL"); base != "" {
		emu = emulator{base, os.Getenv("UCS_AK"), os.Getenv("UCS_SK"), os.Getenv("UCS_DOMAIN_ID")}
		os.Exit(m.Run())
	}
	bin := os.Getenv("UCS_BIN")
	if bin == "" {
		bin, _ = filepath.Abs("../../../target/debug/ucs")
	}
	cmd := exec.Command(bin, "emulator", "--listen", "127.0.0.1:0", "--federation-seconds", "0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		panic(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		panic("cannot start the emulator " + bin + ": " + err.Error())
	}
	lines := bufio.NewReader(out)
	base, _ := lines.ReadString('\n')
	credLine, _ := lines.ReadString('\n')
	var creds struct {
		Ak       string `json:"ak"`
		Sk       string `json:"sk"`
		DomainID string `json:"domain_id"`
	}
	if err := json.Unmarshal([]byte(credLine), &creds); err != nil || !strings.HasPrefix(base, "http://") {
		_ = cmd.Process.Kill()
		panic("the emulator printed " + base + credLine)
	}
	emu = emulator{strings.TrimSpace(base), creds.Ak, creds.Sk, creds.DomainID}
	code := m.Run()
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	os.Exit(code)
}

func official(t *testing.T, sk string) (*ucs.UcsClient, *core.HcHttpClient) {
	t.Helper()
	creds, err := global.NewCredentialsBuilder().WithAk(emu.ak).WithSk(sk).WithDomainId(emu.domain).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	hc, err := ucs.UcsClientBuilder().WithEndpoints([]string{emu.base}).WithCredential(creds).
		WithHttpConfig(config.DefaultHttpConfig().WithRetries(0)).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return ucs.NewUcsClient(hc), hc
}

func reset(t *testing.T) {
	t.Helper()
	resp, err := http.Post(emu.base+"/_emulator/reset", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// jsonBody is a create sent as JSON: path parameters plus the body.
type jsonBody struct {
	Clusterid string      `json:"clusterid"`
	Body      interface{} `json:"body,omitempty"`
}

// jsonDef is the SDK's request definition of a create with a JSON body.
func jsonDef(path string, response interface{}, withPath, bodyAnswer bool) *def.HttpRequestDef {
	b := def.NewHttpRequestDefBuilder().WithMethod(http.MethodPost).WithPath(path).
		WithResponse(response).WithContentType("application/json")
	if withPath {
		b.WithRequestField(def.NewFieldDef().WithName("Clusterid").WithJsonTag("clusterid").WithLocationType(def.Path))
	}
	b.WithRequestField(def.NewFieldDef().WithName("Body").WithLocationType(def.Body))
	if bodyAnswer {
		b.WithResponseField(def.NewFieldDef().WithName("Body").WithLocationType(def.Body))
	}
	return b.Build()
}

// current is the running test, for must (Go cannot pass f()'s two results plus more arguments).
var current *testing.T

// must fails the running test, at the caller's line, when a call failed.
func must[T any](v T, err error) T {
	current.Helper()
	if err != nil {
		current.Fatalf("the call failed: %v", err)
	}
	return v
}

func ptr[T any](v T) *T { return &v }

func registerCluster(t *testing.T, hc *core.HcHttpClient, name string) string {
	t.Helper()
	current = t
	body := map[string]interface{}{
		"kind": "Cluster", "apiVersion": "v1",
		"metadata": model.RegisterClusterMetadata{Name: name},
		"spec": model.RegisterClusterSpec{Category: "attachedcluster", Type: "privatek8s", Provider: "privatek8s",
			Country: "CN", City: "110000", ManageType: "discrete"},
	}
	resp := must(hc.Sync(&jsonBody{Body: body}, jsonDef("/v1/clusters", new(model.RegisterClusterResponse), false, false)))
	created := resp.(*model.RegisterClusterResponse)
	if created.Uid == nil || created.HttpStatusCode != 201 {
		t.Fatalf("register_cluster answered %+v", created)
	}
	return *created.Uid
}

// emptyObject fails unless an answer modelled as a JSON object decoded as one.
func emptyObject(t *testing.T, op string, body *interface{}) {
	t.Helper()
	if body == nil {
		t.Fatalf("%s: no JSON object decoded", op)
	}
	if _, ok := (*body).(map[string]interface{}); !ok {
		t.Fatalf("%s: decoded %#v, not an object", op, *body)
	}
}

func TestEveryOperation(t *testing.T) {
	current = t
	reset(t)
	c, hc := official(t, emu.sk)

	// clusters
	versions := must(c.ListRegisteredClusterVersions(&model.ListRegisteredClusterVersionsRequest{}))
	if versions.Versions == nil || len(*versions.Versions) == 0 {
		t.Fatalf("list_registered_cluster_versions: %+v", versions)
	}
	cid := registerCluster(t, hc, "go-official")
	other := registerCluster(t, hc, "go-official-2")
	list := must(c.ShowClusterList(&model.ShowClusterListRequest{Limit: ptr(int32(10)), Order: ptr("desc")}))
	if list.Total == nil || *list.Total != 2 || len(*list.Items) != 2 {
		t.Fatalf("show_cluster_list: %+v", list)
	}
	got := must(c.ShowCluster(&model.ShowClusterRequest{Clusterid: cid}))
	if *got.Metadata.Name != "go-official" || *got.Spec.City != "110000" {
		t.Fatalf("show_cluster: %+v", got)
	}
	upd := must(c.UpdateCluster(&model.UpdateClusterRequest{Clusterid: cid,
		Body: &model.UpdateClusterRequestBody{Kind: "Cluster", ApiVersion: "v1",
			Spec: &model.UpdateClusterSpec{Country: ptr("CN"), City: ptr("120000")}}}))
	emptyObject(t, "update_cluster", upd.Body)
	if city := *must(c.ShowCluster(&model.ShowClusterRequest{Clusterid: cid})).Spec.City; city != "120000" {
		t.Fatalf("update_cluster did not change the city: %s", city)
	}
	access := must(c.ShowClusterAccessInfo(&model.ShowClusterAccessInfoRequest{Clusterid: cid, Region: ptr("cn-north-4")}))
	if access.Body == nil || len(*access.Body) == 0 {
		t.Fatalf("show_cluster_access_info: %+v", access)
	}
	act := must(c.RetryClusterActivation(&model.RetryClusterActivationRequest{Clusterid: cid}))
	emptyObject(t, "retry_cluster_activation", act.Body)
	managed := must(c.ListManagedClusters(&model.ListManagedClustersRequest{Unimported: ptr(true)}))
	if managed.Body == nil || len(*managed.Body) == 0 {
		t.Fatalf("list_managed_clusters: %+v", managed)
	}

	// rules
	ruleBody := map[string]interface{}{"metadata": map[string]string{"name": "go-readers"},
		"spec": model.RuleSpec{Type: ptr("readonly"), IamUserIDs: &[]string{"873395a21c8d4d8ba9e37d6d32debc41"}}}
	ruleResp := must(hc.Sync(&jsonBody{Body: ruleBody}, jsonDef("/v1/permissions/rules", new(model.CreateRuleResponse), false, false)))
	rid := *ruleResp.(*model.CreateRuleResponse).Uid
	rules := must(c.ListRule(&model.ListRuleRequest{}))
	if *rules.Total != 1 || *(*rules.Items)[0].Metadata.Uid != rid {
		t.Fatalf("list_rule: %+v", rules)
	}
	ru := must(c.UpdateRule(&model.UpdateRuleRequest{Ruleid: rid,
		Body: &model.UpdateRuleRequestBody{Spec: &model.RuleSpec{Type: ptr("develop"), Description: ptr("go")}}}))
	emptyObject(t, "update_rule", ru.Body)
	assoc := &model.UpdateAssociatedRulesRequest{RuleIDNamespaces: &[]model.RuleIdNamespaces{
		{RuleIDs: &[]string{rid}, Namespaces: &[]string{"default"}}}}
	cr := must(c.UpdateClusterRules(&model.UpdateClusterRulesRequest{Clusterid: cid, Body: assoc}))
	emptyObject(t, "update_cluster_rules", cr.Body)

	// fleets
	fleetBody := map[string]interface{}{"metadata": map[string]string{"name": "go-fleet"},
		"spec": map[string]interface{}{"clusterIds": []string{}, "description": "from the Go SDK"}}
	fleetResp := must(hc.Sync(&jsonBody{Body: fleetBody}, jsonDef("/v1/clustergroups", new(model.RegisterClusterGroupResponse), false, false)))
	fid := *fleetResp.(*model.RegisterClusterGroupResponse).Uid
	fleets := must(c.ListClusterGroup(&model.ListClusterGroupRequest{Limit: ptr(int32(10))}))
	if *fleets.Total != 1 {
		t.Fatalf("list_cluster_group: %+v", fleets)
	}
	join := map[string]string{"clusterGroupID": fid}
	joined := must(hc.Sync(&jsonBody{Clusterid: cid, Body: join}, jsonDef("/v1/clusters/{clusterid}/join", new(model.JoinGroupResponse), true, true)))
	emptyObject(t, "join_group", joined.(*model.JoinGroupResponse).Body)
	left := must(c.LeaveGroup(&model.LeaveGroupRequest{Clusterid: cid}))
	emptyObject(t, "leave_group", left.Body)
	added := must(c.UpdateClusterGroupAssociatedClusters(
		&model.UpdateClusterGroupAssociatedClustersRequest{Clustergroupid: fid,
			Body: &model.UpdateClusterGroupAssociatedClustersRequestBody{ClusterIds: &[]string{cid, other}}}))
	emptyObject(t, "update_cluster_group_associated_clusters", added.Body)
	desc := must(c.UpdateClusterGroup(&model.UpdateClusterGroupRequest{Clustergroupid: fid,
		Body: &model.UpdateClusterGroupDescriptionRequest{Description: "described"}}))
	emptyObject(t, "update_cluster_group", desc.Body)
	fr := must(c.UpdateClusterGroupAssociatedRules(
		&model.UpdateClusterGroupAssociatedRulesRequest{Clustergroupid: fid, Body: assoc}))
	emptyObject(t, "update_cluster_group_associated_rules", fr.Body)
	zones := must(c.UpdateClusterGroupAssociatedZones(
		&model.UpdateClusterGroupAssociatedZonesRequest{Clustergroupid: fid,
			Body: &model.UpdateAssociatedZonesRequest{DnsSuffix: &[]string{"example.com"}}}))
	emptyObject(t, "update_cluster_group_associated_zones", zones.Body)
	fleet := must(c.ShowClusterGroup(&model.ShowClusterGroupRequest{Clustergroupid: fid}))
	if *fleet.Metadata.Name != "go-fleet" || *fleet.Spec.Description != "described" || len(*fleet.Spec.DnsSuffix) != 1 {
		t.Fatalf("show_cluster_group: %+v", fleet)
	}

	// federation
	enabled := must(c.EnableFederation(&model.EnableFederationRequest{Clustergroupid: fid}))
	emptyObject(t, "enable_federation", enabled.Body)
	if enabled.HttpStatusCode != 201 {
		t.Fatalf("enable_federation answered %d", enabled.HttpStatusCode)
	}
	progress := must(c.ShowFederationProgress(&model.ShowFederationProgressRequest{Clustergroupid: fid}))
	if progress.Spec == nil || progress.Spec.SubJobs == nil || len(*progress.Spec.SubJobs) == 0 || progress.Status == nil {
		t.Fatalf("show_federation_progress: %+v", progress)
	}
	conn := must(c.CreateFederationConnection(&model.CreateFederationConnectionRequest{Clustergroupid: fid,
		Body: &model.CreateFederationConnectionRequestBody{ProjectID: "08d44be1ef00d22e2f6fc0061f54a2f1", VpcID: "vpc", SubnetID: "subnet"}}))
	if conn.Id == nil || *conn.Id == "" {
		t.Fatalf("create_federation_connection: %+v", conn)
	}
	cert := must(c.CreateFederationCert(&model.CreateFederationCertRequest{Clustergroupid: fid,
		Body: &model.CreateFederationCertRequestBody{ProjectID: "08d44be1ef00d22e2f6fc0061f54a2f1", VpcID: "vpc", SubnetID: "subnet", Duration: 30}}))
	if cert.Clusters == nil || len(*cert.Clusters) != 1 || cert.CurrentContext == nil {
		t.Fatalf("create_federation_cert: %+v", cert)
	}
	kc := must(c.DownloadFederationKubeconfig(&model.DownloadFederationKubeconfigRequest{Clustergroupid: fid,
		Body: &model.DownloadFederationKubeconfigRequestBody{Duration: 7}}))
	if kc.Users == nil || len(*kc.Users) != 1 || *kc.Kind != "Config" {
		t.Fatalf("download_federation_kubeconfig: %+v", kc)
	}
	must(c.DisableFederation(&model.DisableFederationRequest{Clustergroupid: fid}))

	// deletes
	for _, id := range []string{cid, other} {
		must(c.LeaveGroup(&model.LeaveGroupRequest{Clusterid: id}))
	}
	must(c.DeleteClusterGroup(&model.DeleteClusterGroupRequest{Clustergroupid: fid}))
	must(c.DeleteRule(&model.DeleteRuleRequest{Ruleid: rid}))
	for _, id := range []string{cid, other} {
		must(c.DeleteCluster(&model.DeleteClusterRequest{Clusterid: id}))
	}
	if left := must(c.ShowClusterList(&model.ShowClusterListRequest{})); *left.Total != 0 {
		t.Fatalf("clusters left: %d", *left.Total)
	}
}

func TestErrorsKeepCodeAndRequestID(t *testing.T) {
	reset(t)
	c, _ := official(t, emu.sk)
	_, err := c.ShowCluster(&model.ShowClusterRequest{Clusterid: "b0d1ecb5-7947-11ee-9467-0255ac1001bf"})
	e, ok := err.(*sdkerr.ServiceResponseError)
	if !ok || e.StatusCode != 404 || e.ErrorCode != "UCS.01030001" || e.RequestId == "" {
		t.Fatalf("show_cluster of a missing cluster: %#v", err)
	}
	bad, _ := official(t, "not-the-secret-key")
	_, err = bad.ListRegisteredClusterVersions(&model.ListRegisteredClusterVersionsRequest{})
	if e, ok := err.(*sdkerr.ServiceResponseError); !ok || e.StatusCode != 401 || e.ErrorCode != "UCS.01000003" {
		t.Fatalf("wrong secret key: %#v", err)
	}
}
