"""Extracts every JSON example of the UCS and HSS references into tests/cases/reference/*.json.

Each case file: {"section", "title", "model", "direction", "source_lines", "repair", "json"}.
`model` names the ucs_sdk model it must decode into; `repair` says what was mended where the text
extraction split an example across a page break or cut a line (the JSON content is unchanged).
Run: python3 tests/cases/extract_reference.py docs/reference
"""
import json
import pathlib
import re
import sys

SPEC = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "docs/reference")
OUT = pathlib.Path(__file__).parent / "reference"


def blocks(text):
    lines, out, cur = text.split("\n"), [], None
    for i, line in enumerate(lines, 1):
        if line.strip().startswith("```"):
            if cur is None:
                cur = [i, []]
            else:
                out.append((cur[0], i, "\n".join(cur[1])))
                cur = None
        elif cur is not None:
            cur[1].append(line)
    return out


def strip_request_line(s):
    return re.sub(r"^(GET|PUT|POST|DELETE|PATCH) \S+\s*", "", s.strip())


def main():
    ref = (SPEC / "ucs-api-reference.zh.txt").read_text(encoding="utf-8")
    b = {start: (start, end, body) for start, end, body in blocks(ref)}

    def body(start):
        return b[start][2]

    def joined(*starts):
        return "\n".join(body(s) for s in starts)

    cases = []

    def case(name, section, title, model, direction, lines, text, repair=""):
        cases.append((name, {"section": section, "title": title, "model": model, "direction": direction,
                             "source_lines": lines, "repair": repair, "json": json.loads(text)}))

    case("iam_token_project_scope", "2.1", "IAM token request, project scope", "Value", "request", "249", body(249))
    case("iam_token_domain_scope", "2.2", "IAM token request, domain scope", "Value", "request", "296", body(296))
    case("iam_user_response", "2.3", "IAM user answer", "Value", "response", "391", body(391))
    case("error_body", "2.3", "error body", "ErrorBody", "response", "419", body(419))
    case("clusters_list", "3.1.1", "list clusters", "ClusterList", "response", "619-660",
         joined(619, 629), "joined two code blocks split by a page break")
    case("clusters_get", "3.1.2", "get cluster", "Cluster", "response", "862-920",
         joined(862, 896), "joined two code blocks split by a page break")
    case("clusters_register_created", "3.1.3", "register cluster answer", "Created", "response", "1023", body(1023))
    upd = strip_request_line(body(1118))
    upd = re.sub(r'("kubeconfig": ")[^\n]*', r'\1{\\"kind\\":\\"Config\\",\\"apiVersion\\":\\"v1\\"}"', upd)
    case("clusters_update", "3.1.4", "update cluster", "UpdateCluster", "request", "1118-1135", upd,
         "removed the request line; the kubeconfig annotation string is cut in the text and was closed")
    case("clusters_associate_rules", "3.1.8", "associate rules to a cluster", "AssociateRules", "request", "1350", body(1350))
    case("clusters_list_managed", "3.1.9", "list CCE clusters", "Vec<Cluster>", "response", "1547", body(1547))
    case("clusters_supported_versions", "3.1.10", "supported versions", "SupportedVersions", "response", "1640", body(1640))
    case("fleets_join", "3.2.1", "cluster joins a fleet", "JoinFleet", "request", "1696", body(1696))
    case("fleets_register", "3.2.3", "register fleet", "RegisterFleet", "request", "1820", body(1820),
         "dropped a stray '}}' block that follows it in the text")
    case("fleets_register_created", "3.2.3", "register fleet answer", "Created", "response", "1843", body(1843))
    case("fleets_get", "3.2.5", "get fleet", "ClusterGroup", "response", "1991", body(1991))
    case("fleets_add_clusters", "3.2.6", "add clusters to a fleet", "AddClusters", "request", "2070", body(2070))
    case("fleets_update_description", "3.2.7", "update fleet description", "UpdateDescription", "request", "2130", body(2130))
    case("fleets_associate_rules", "3.2.8", "associate rules to a fleet", "AssociateRules", "request", "2198-2210",
         body(2198).rstrip().rstrip("]") + "]\n}", "the text closes the object in a second, broken block; closed it")
    case("fleets_update_zones", "3.2.9", "update federation zones", "UpdateZones", "request", "2263",
         strip_request_line(body(2263)), "removed the request line")
    case("fleets_list", "3.2.10", "list fleets", "ClusterGroupList", "response", "2375-2430",
         joined(2375, 2399).replace('"lastTransitionTime": "0001-01-01T00:00:00Z"\n  }\n}\n}, {',
                                    '"lastTransitionTime": "0001-01-01T00:00:00Z"\n  } ]\n}\n}, {'),
         "joined two code blocks split by a page break; closed the conditions array the break cut")
    case("fleets_create_federation_kubeconfig", "3.2.14", "federation cert request", "FederationKubeconfigRequest", "request", "2794", body(2794))
    case("fleets_create_federation_connection", "3.2.15", "federation connection request", "FederationConnectionRequest", "request", "2860", body(2860))
    case("fleets_federation_connection", "3.2.15", "federation connection answer", "FederationConnection", "response", "2874", body(2874))
    case("fleets_download_federation_kubeconfig", "3.2.16", "download kubeconfig request", "DownloadKubeconfigRequest", "request", "2933", body(2933))
    case("rules_create", "3.3.1", "create rule", "CreateRule", "request", "3013", body(3013))
    case("rules_created", "3.3.1", "create rule answer", "Created", "response", "3031", body(3031))
    case("rules_list", "3.3.2", "list rules", "RuleList", "response", "3126", body(3126))
    case("rules_update", "3.3.4", "update rule", "UpdateRule", "request", "3257-3266",
         joined(3257, 3262), "joined two code blocks split by a page break")
    case("karmada_deployment", "4", "Karmada Deployment", "Value", "request", "3398-3445",
         json.dumps(DEPLOYMENT), "reassembled: a page break dropped the closing of containers and spec")
    case("iam_projects", "5.3", "IAM project list", "Value", "response", "3679", body(3679))
    cases.append(("fleets_federation_progress", JOB))
    hss = (SPEC / "hss-create-multicloud-cluster.zh.txt").read_text(encoding="utf-8")
    m = re.search(r'\{\s*"name" : "ywk-test".*?\n\}', hss, re.S)
    hss_body = re.sub(r'("kube_config" : ")[^\n]*', r'\1apiVersion: v1\\r\\nkind: Config\\r\\n"', m.group(0))
    case("hss_create_multicloud_cluster", "HSS", "create multi-cloud cluster", "CreateMulticloudCluster", "request",
         "hss", hss_body, "the kube_config string is cut in the text and was closed")
    case("hss_created", "HSS", "create multi-cloud cluster answer", "MulticloudClusterCreated", "response", "hss",
         '{"cluster_id" : "6f2b5593-7855-4dbd-aebe-4f736708b8db"}')
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in cases:
        (OUT / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases written to {OUT}")


# Reference 3.2.13's example is scrambled by page breaks (sub-jobs cut and reordered); this is the
# same content, each sub-job whole, in the order the text lists them.
_SUB = lambda uid, typ, created, updated, cur, completed, started, extra=None: {
    "kind": "Job", "apiVersion": "v3",
    "metadata": {"uid": uid, "creationTimestamp": created, "updateTimestamp": updated,
                 "annotations": {"currentTimestamp": cur}},
    "spec": dict({"type": typ, "federationUID": "70acf480-2fa4-11ee-ad1d-0255ac1001c4"}, **(extra or {})),
    "status": {"phase": "Success", "completionTime": completed, "startTime": started}}
JOB = {"section": "3.2.13", "title": "federation progress", "model": "Job", "direction": "response",
       "source_lines": "2616-2735", "repair": "reassembled: page breaks cut and reordered the sub-jobs",
       "json": {"kind": "Job", "apiVersion": "v3",
                "metadata": {"uid": "70b5a14f-2fa4-11ee-bf07-0255ac1000b9",
                             "creationTimestamp": "2023-07-31 13:16:20.715779 +0000 UTC",
                             "updateTimestamp": "2023-07-31 13:17:24.497868 +0000 UTC",
                             "annotations": {"currentTimestamp": "2023-07-31 13:17:24.933313136 +0000 UTC"}},
                "spec": {"type": "CreateFederationContainer",
                         "federationUID": "70acf480-2fa4-11ee-ad1d-0255ac1001c4",
                         "resourceID": "70acf480-2fa4-11ee-ad1d-0255ac1001c4",
                         "resourceName": "70acf480-2fa4-11ee-ad1d-0255ac1001c4",
                         "subJobs": [
                             _SUB("70b66b9a-2fa4-11ee-bf07-0255ac1000b9", "InstallFederationChart",
                                  "2023-07-31 13:16:20.740512 +0000 UTC", "2023-07-31 13:16:22.100528 +0000 UTC",
                                  "2023-07-31 13:17:24.934274579 +0000 UTC", "2023-07-31 13:16:22.100528 +0000 UTC",
                                  "2023-07-31 13:16:22.100528 +0000 UTC"),
                             _SUB("70b66b68-2fa4-11ee-bf07-0255ac1000b9", "CreateNetworkResource",
                                  "2023-07-31 13:16:20.736232 +0000 UTC", "2023-07-31 13:17:24.490359 +0000 UTC",
                                  "2023-07-31 13:17:24.934277116 +0000 UTC", "2023-07-31 13:17:24.490359 +0000 UTC",
                                  "2023-07-31 13:16:20.744891 +0000 UTC",
                                  {"extendParam": {"JobExtendParamKeyElbID": "69694819-67dc-44ac-ab6e-9b18087c5c4c"}}),
                             _SUB("70b66afa-2fa4-11ee-bf07-0255ac1000b9", "CreateCert",
                                  "2023-07-31 13:16:20.731295 +0000 UTC", "2023-07-31 13:16:22.100452 +0000 UTC",
                                  "2023-07-31 13:17:24.934288685 +0000 UTC", "2023-07-31 13:16:22.100452 +0000 UTC",
                                  "2023-07-31 13:16:22.100452 +0000 UTC"),
                             _SUB("70b66ad0-2fa4-11ee-bf07-0255ac1000b9", "CreateNode",
                                  "2023-07-31 13:16:20.726434 +0000 UTC", "2023-07-31 13:16:22.093902 +0000 UTC",
                                  "2023-07-31 13:17:24.934291673 +0000 UTC", "2023-07-31 13:16:22.093902 +0000 UTC",
                                  "2023-07-31 13:16:20.745187 +0000 UTC")]},
                "status": {"phase": "Success", "completionTime": "2023-07-31 13:17:24.497868 +0000 UTC",
                           "startTime": "2023-07-31 13:16:20.721007 +0000 UTC"}}}

DEPLOYMENT = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "nginx"},
              "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "nginx"}},
                       "template": {"metadata": {"labels": {"app": "nginx"}},
                                    "spec": {"containers": [{"image": "nginx:latest", "name": "container-0",
                                                             "resources": {"limits": {"cpu": "100m", "memory": "200Mi"},
                                                                           "requests": {"cpu": "100m", "memory": "200Mi"}}}],
                                             "imagePullSecrets": [{"name": "default-secret"}]}}}}

if __name__ == "__main__":
    main()
