// The Karmada gateway of a federated fleet against the emulator: Deployments and
// PropagationPolicies created, listed by label, merge-patched, deleted, the Kubernetes `Status`
// errors as `UcsError` cases, and the kubeconfig written for standard tools.

import Foundation
import UcsSdk
import XCTest

final class KarmadaTests: EmulatorTestCase {
    /// Fleet `fleet1` (cluster `member-a`) federated; the kubeconfig the emulator issued.
    private func federated() async throws -> Kubeconfig {
        let member = try await client.clusters().register(body: attached("member-a")).uid
        let fleets = client.fleets()
        let fleet = try await fleets.register(body: RegisterFleet(
            metadata: NameMeta(name: "fleet1"), spec: RegisterFleetSpec(clusterIds: [member]))).uid
        try await fleets.enableFederation(fleetId: fleet, query: EnableFederationQuery())
        // The kubeconfig is downloaded once a federation connection exists (reference 3.2.16).
        _ = try await fleets.createFederationConnection(
            fleetId: fleet, body: FederationConnectionRequest(projectId: "p", vpcId: "vpc-1", subnetId: "subnet-1"))
        return try await fleets.downloadFederationKubeconfig(fleetId: fleet, body: DownloadKubeconfigRequest(duration: 1))
    }

    /// The JSON text `text` parsed; fails the test when it is not JSON.
    private func json(_ text: String, line: Int = #line) throws -> Any {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            throw Failure(description: "line \(line): not JSON: \(text)")
        }
        return value
    }

    /// The value at `path` (keys, or indexes as Int) in the JSON text `text`.
    private func at(_ text: String, _ path: Any..., line: Int = #line) throws -> Any {
        var node = try json(text, line: line)
        for key in path {
            let next: Any?
            if let index = key as? Int {
                next = (node as? [Any]).flatMap { index < $0.count ? $0[index] : nil }
            } else {
                next = (node as? [String: Any])?["\(key)"]
            }
            guard let next else { throw Failure(description: "line \(line): no \(path) in \(text)") }
            node = next
        }
        return node
    }

    private func names(_ list: String, line: Int = #line) throws -> [String] {
        guard let items = try at(list, "items", line: line) as? [[String: Any]] else {
            throw Failure(description: "line \(line): items are not objects: \(list)")
        }
        return items.compactMap { ($0["metadata"] as? [String: Any])?["name"] as? String }.sorted()
    }

    private func deployment(_ name: String, _ app: String) -> String {
        """
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": "\(name)", "labels": {"app": "\(app)"}},
         "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "\(app)"}},
                  "template": {"metadata": {"labels": {"app": "\(app)"}},
                               "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}}}}
        """
    }

    private func policy(_ placement: String) -> String {
        """
        {"apiVersion": "policy.karmada.io/v1alpha1", "kind": "PropagationPolicy",
         "metadata": {"name": "web-pp", "labels": {"app": "web"}},
         "spec": {"resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}],
                  "placement": \(placement)}}
        """
    }

    private func token(_ kubeconfig: Kubeconfig) throws -> String {
        try at(kubeconfig.toJson(), "users", 0, "user", "token") as? String ?? ""
    }

    /// The field an `InvalidArgument` names; fails the test on any other outcome.
    private func refusedField<T>(_ body: () async throws -> T, line: Int = #line) async throws -> String {
        let e = try await ucsError(body, line: UInt(line))
        guard case let .InvalidArgument(field, _, _) = e else {
            throw Failure(description: "line \(line): not InvalidArgument: \(e)")
        }
        return field
    }

    /// karmada: deployments and policies through the kubeconfig gateway
    func testKarmadaDeploymentsAndPoliciesThroughTheKubeconfigGateway() async throws {
        let kubeconfig = try await federated()
        let k = try client.karmadaFromKubeconfig(kubeconfig: kubeconfig)
        // The kubeconfig names the TLS listener; its CA is trusted from the kubeconfig itself.
        try check(k.baseUrl() == kubeconfig.servers().first && k.baseUrl().hasPrefix("https://"), "base \(k.baseUrl())")
        let secret = try token(kubeconfig)
        try check(!secret.isEmpty && !"\(k)".contains(secret) && !String(reflecting: k).contains(secret), "text shows the token: \(k)")

        let deployments = try k.deployments(namespace: "default")
        try check(deployments.uri() == "apis/apps/v1/namespaces/default/deployments", deployments.uri())
        let created = try await deployments.create(body: deployment("web", "web"))
        try check(try at(created, "metadata", "namespace") as? String == "default", created)
        _ = try await deployments.create(body: deployment("api", "api"))

        try check(try names(try await deployments.list(params: ListParams(labelSelector: "app in (web)"))) == ["web"], "label selector")
        try check(try names(try await deployments.list(params: ListParams(fieldSelector: "metadata.name=api"))) == ["api"], "field selector")
        try check(try names(try await deployments.list(params: ListParams())) == ["api", "web"], "all")

        let patched = try await deployments.patch(name: "web", mergePatch: #"{"spec": {"replicas": 5}}"#)
        try check(try at(patched, "spec", "replicas") as? Int == 5, patched)
        try check(try at(patched, "spec", "template", "spec", "containers", 0, "image") as? String == "nginx:1.25",
                  "a merge patch keeps what it does not name: \(patched)")

        let policies = try k.propagationPolicies(namespace: "default")
        let first = try await policies.apply(body: policy(#"{"clusterAffinity": {"clusterNames": ["member-a"]}}"#))
        try check(try at(first, "metadata", "generation") as? Int == 1, first)
        let second = try await policies.apply(body: policy("{}"))
        try check(try at(second, "metadata", "generation") as? Int == 2, "apply replaces: \(second)")
        try check(try names(try await policies.list(params: ListParams(labelSelector: "app=web"))) == ["web-pp"], "policy list")
        try check(try names(try await policies.list(params: ListParams(labelSelector: "app=other"))).isEmpty, "policy list other")

        let exists = try await ucsError({ try await deployments.create(body: deployment("web", "web")) })
        guard case let .Conflict(status, code, _, _) = exists else { throw Failure(description: "not Conflict: \(exists)") }
        try check(status == 409 && code == "AlreadyExists", "\(exists)")

        try check(try at(try await deployments.delete(name: "web"), "status") as? String == "Success", "delete status")
        _ = try await policies.delete(name: "web-pp")

        let gone = try await ucsError({ try await deployments.get(name: "web") })
        guard case let .NotFound(status, code, message, _) = gone else { throw Failure(description: "not NotFound: \(gone)") }
        try check(status == 404 && code == "NotFound", "status \(String(describing: status)) code \(String(describing: code))")
        try check(message == #"deployments.apps "web" not found"#, message)
        try check(gone.errorCode() == "NotFound" && gone.status() == 404, "accessors")
        let policyGone = try await ucsError({ try await policies.get(name: "web-pp") })
        guard case .NotFound = policyGone else { throw Failure(description: "not NotFound: \(policyGone)") }
    }

    /// karmada: generic REST with a bearer token or the IAM token
    func testKarmadaGenericRESTWithABearerTokenOrTheIAMToken() async throws {
        let kubeconfig = try await federated()
        let secret = try token(kubeconfig)
        let k = try client.karmada(fleetName: "fleet1", token: Secret(secret))
        try check(k.baseUrl() == "\(baseUrl)/karmada/fleet1", k.baseUrl())
        try check(!"\(k)".contains(secret), "text shows the token: \(k)")
        let uri = "apis/apps/v1/namespaces/default/deployments"
        _ = try await k.create(uri: uri, body: deployment("web", "web"))
        _ = try await k.resource(groupVersion: "apps/v1", plural: "deployments", namespace: "default").create(body: deployment("api", "api"))
        try check(try at(try await k.get(uri: "\(uri)/web"), "metadata", "name") as? String == "web", "get")
        try check(try names(try await k.list(uri: uri, params: ListParams(labelSelector: "app=web"))) == ["web"], "list")
        try check(try names(try await k.request(method: "GET", uri: "\(uri)?labelSelector=app+in+(api,web)", body: nil)) == ["api", "web"], "request")
        let patched = try await k.patch(uri: "\(uri)/web", mergePatch: #"{"spec": {"replicas": 3}}"#)
        try check(try at(patched, "spec", "replicas") as? Int == 3, patched)
        _ = try await k.delete(uri: "\(uri)/api")
        guard case .NotFound = try await ucsError({ try await k.get(uri: "\(uri)/api") }) else {
            throw Failure(description: "deleted deployment is not NotFound")
    }

        // The client's IAM token (password credentials) as the bearer.
        var byPassword = options()
        byPassword.ak = nil
        byPassword.sk = nil
        byPassword.user = credential("user")
        byPassword.password = Secret(credential("password"))
        byPassword.domainName = credential("domain_name")
        let viaIam = try UcsClient(options: byPassword).karmadaWithIam(fleetName: "fleet1")
        try check(try at(try await viaIam.get(uri: "\(uri)/web"), "metadata", "name") as? String == "web", "IAM token")

        let refused = try await ucsError({ try await client.karmada(fleetName: "fleet1", token: Secret("not-a-token")).get(uri: uri) })
        guard case .Auth = refused else { throw Failure(description: "not Auth: \(refused)") }
        try check(refused.status() == 401, "\(refused)")
    }

    /// karmada: bad input is refused naming the field
    func testKarmadaBadInputIsRefusedNamingTheField() async throws {
        let k = try client.karmada(fleetName: "fleet1", token: Secret("T"))
        try check(try await refusedField({ try k.deployments(namespace: "a/b") }) == "namespace", "namespace")
        try check(try await refusedField({ try client.karmada(fleetName: "no/such", token: Secret("T")) }) == "fleet_name", "fleet")
        let deployments = try k.deployments(namespace: "default")
        try check(try await refusedField({ try await deployments.create(body: "{not json") }) == "body", "body")
        try check(try await refusedField({ try await deployments.get(name: "..") }) == "name", "name")
        try check(try await refusedField({ try await deployments.apply(body: #"{"metadata": {}}"#) }) == "metadata.name", "apply")
        try check(try await refusedField({ try await k.request(method: "NOT A METHOD", uri: "api", body: nil) }) == "method", "method")
        try check(try await refusedField({ try await deployments.list(params: ListParams(limit: 0)) }) == "limit", "limit")
        try check(try await refusedField({ try Kubeconfig.fromText(text: "- a list") }) == "kubeconfig", "kubeconfig")
    }

    /// karmada: writeTo gives a private YAML file for standard tools
    func testKarmadaWriteToGivesAPrivateYAMLFileForStandardTools() async throws {
        let kubeconfig = try await federated()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ucs-karmada-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("kube/config").path
        try kubeconfig.writeTo(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? attributes[.posixPermissions] as? Int
        try check(mode == 0o600, "mode \(String(describing: mode.map { String($0, radix: 8) }))")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try check(text == (try kubeconfig.toYaml()), "the file is not toYaml()")
        // YAML, not JSON, with the fleet's context current (Foundation has no YAML parser: the
        // SDK's reader below and kubectl in crates/ucs-emulator/tests/kubectl.rs read it).
        let current = kubeconfig.currentContext() ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        try check(!current.isEmpty && lines.contains("current-context: \(current)"), "no current-context line: \(lines)")
        try check(lines.contains("kind: Config") && lines.contains("apiVersion: v1"), "header lines")
        let back = try Kubeconfig.fromText(text: text)
        try check(back.currentContext() == current && back.servers() == kubeconfig.servers(), "read back \(back)")
        let k = try client.karmadaFromKubeconfig(kubeconfig: back)
        _ = try await k.deployments(namespace: "default").create(body: deployment("web", "web"))
        try check(try names(try await k.deployments(namespace: "default").list(params: ListParams(labelSelector: "app=web"))) == ["web"], "list")
    }
}
