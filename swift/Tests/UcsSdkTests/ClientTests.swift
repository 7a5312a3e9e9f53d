// Swift tests of the UCS SDK against the emulator (swift/run-tests.sh starts it outside the
// chroot and names it in UCS_BASE_URL and UCS_CREDENTIALS; without them each test starts its own
// through UcsEmulator). Typed records, answers that differ call to call, the waiter, Kubeconfig,
// pagination, IAM, secrets, errors, panics and cancellation; the step-by-step "every operation"
// scenarios are the shared cases (SharedCasesTests.swift).

import Foundation
import UcsSdk
import XCTest

final class ClientTests: EmulatorTestCase {
    // MARK: clusters

    // The step-by-step "every operation" scenarios are the shared cases (SharedCasesTests.swift); here what
    // they cannot express: typed records, answers that differ call to call, the waiter, Kubeconfig.

    /// typed cluster records, access info answered once
    func testTypedClusterRecordsAccessInfoAnsweredOnce() async throws {
        let clusters = client.clusters()
        let id = try await clusters.register(body: attached("alpha")).uid
        let got = try await clusters.get(clusterId: id)
        try check(got.metadata?.name == "alpha" && got.metadata?.uid == id, "get: \(got)")
        try check(got.spec?.manageType == "discrete", "manageType \(String(describing: got.spec?.manageType))")
        let first = try await clusters.accessInfo(clusterId: id, query: AccessInfoQuery())
        try check(!first.isEmpty, "no access info")
        let second = try await clusters.accessInfo(clusterId: id, query: AccessInfoQuery())
        try check(first != second, "access info answered twice")
        let page = try await clusters.list(query: ListClustersQuery(managetype: "discrete"))
        try check(page.total == 1 && page.items.map { $0.metadata?.uid } == [id], "list: \(page)")
    }

    // MARK: fleets and federation

    /// waitFederation with progress, Kubeconfig objects
    func testWaitFederationWithProgressKubeconfigObjects() async throws {
        let fleets = client.fleets()
        let a = try await client.clusters().register(body: attached("a")).uid
        let fleet = try await fleets.register(body: RegisterFleet(
            metadata: NameMeta(name: "fleet1"), spec: RegisterFleetSpec(clusterIds: [a], description: "first"))).uid
        let joined = try await client.clusters().get(clusterId: a).spec
        try check(joined?.clusterGroupId == fleet && joined?.manageType == "grouped", "joined: \(String(describing: joined))")
        try await fleets.enableFederation(fleetId: fleet, query: EnableFederationQuery())
        let recorder = Recorder()
        let job = try await fleets.waitFederation(fleetId: fleet, timeoutMs: 30_000, listener: recorder)
        try check(["Success", "Succeeded", "Completed"].contains(job.status?.phase ?? ""), "final job \(job)")
        for sub in ["CreateNode", "CreateCert", "InstallFederationChart", "CreateNetworkResource"] {
            try check(recorder.events.contains { $0.isSubJob && $0.job == sub && $0.phase == "Success" },
                      "no Success event for \(sub): \(recorder.events)")
        }
        let cert = try await fleets.createFederationKubeconfig(fleetId: fleet, body: FederationKubeconfigRequest(
            projectId: credential("project_id"), vpcId: "vpc-1", subnetId: "subnet-1", duration: 30))
        try check(!cert.servers().isEmpty && cert.toJson().contains("current-context"), "kubeconfig \(cert)")
        try check(!"\(cert)".contains("client-key-data") && !"\(cert)".contains("token"), "kubeconfig text leaks: \(cert)")
        let downloaded = try await fleets.downloadFederationKubeconfig(fleetId: fleet, body: DownloadKubeconfigRequest(duration: 1))
        try check(downloaded.currentContext() != nil, "no current context")
        let busy = try await ucsError({ try await fleets.delete(fleetId: fleet) })
        try check(busy.status() == 400 && busy.errorCode() == "UCS.01080002", "deleting a federated fleet: \(busy)")
    }

    // MARK: pagination

    /// pagination: page calls, pagers, AsyncSequence
    func testPaginationPageCallsPagersAsyncSequence() async throws {
        for i in 0..<7 {
            _ = try await client.clusters().register(body: attached("page-\(i)"))
            _ = try await client.rules().create(body: rule("rule-\(i)"))
        }
        let second = try await client.clusters().list(query: ListClustersQuery(limit: 3, offset: 3))
        try check(second.total == 7 && second.items.count == 3, "page call \(second.items.count)")
        let pager = client.clusters().pager(query: ListClustersQuery(limit: 3))
        var sizes: [Int] = []
        while let page = try await pager.next() { sizes.append(page.count) }
        try check(sizes == [3, 3, 1], "page sizes \(sizes)")
        try check(try await pager.next() == nil, "pager restarted")
        var names: [String] = []
        for try await cluster in client.clusters().iter(ListClustersQuery(limit: 3)) {
            names.append(cluster.metadata?.name ?? "")
        }
        try check(names.count == 7 && Set(names) == Set((0..<7).map { "page-\($0)" }), "names \(names)")
        var rules = 0
        for try await _ in client.rules().iter(PageQuery(limit: 2)) { rules += 1 }
        try check(rules == 7, "rules \(rules)")
        _ = try await client.fleets().register(body: RegisterFleet(metadata: NameMeta(name: "f")))
        var fleets: [String] = []
        for try await fleet in client.fleets().iter(PageQuery(limit: 1)) { fleets.append(fleet.metadata?.name ?? "") }
        try check(fleets == ["f"], "fleets \(fleets)")
    }

    // MARK: iam, secrets

    /// iam resolves ids and issues password tokens
    func testIamResolvesIdsAndIssuesPasswordTokens() async throws {
        let resolving = try UcsClient(options: ClientOptions(
            endpoint: baseUrl, ak: credential("ak"), sk: Secret(credential("sk")), region: "cn-north-4", iamEndpoint: baseUrl))
        try check(try await resolving.iam().domainId() == credential("domain_id"), "domain id")
        try check(try await resolving.iam().projectId() == credential("project_id"), "project id")
        _ = try await resolving.clusters().supportedVersions()
        let byPassword = try UcsClient(options: ClientOptions(
            endpoint: baseUrl, user: credential("user"), password: Secret(credential("password")),
            domainName: credential("domain_name"), region: "cn-north-4", hssEndpoint: baseUrl, iamEndpoint: baseUrl))
        _ = try await byPassword.clusters().supportedVersions()
        let token = try await byPassword.iam().token()
        try check(!token.value.isEmpty && "\(token)" == "***", "token text \(token)")
    }

    /// secrets never show in text
    func testSecretsNeverShowInText() async throws {
        var opts = options()
        opts.password = Secret("hunter2-password")
        let text = "\(opts) \(String(reflecting: opts))"
        try check(!text.contains(credential("sk")) && !text.contains("hunter2-password"), "options text: \(text)")
        try check(!"\(client)".contains(credential("sk")), "client text shows the SK")
        let hss = CreateMulticloudCluster(name: "mc", imageRepoPassword: "repo-pass-secret", kubeConfig: "kubeconfig-secret")
        let hssText = "\(hss)"
        try check(hssText.contains("mc") && !hssText.contains("repo-pass-secret") && !hssText.contains("kubeconfig-secret"), hssText)
        let register = RegisterCluster(
            metadata: RegisterClusterMetadata(name: "withkc", annotations: ["kubeconfig": "kubeconfig-secret"]),
            spec: attached("withkc").spec)
        try check(!"\(register)".contains("kubeconfig-secret"), "\(register)")
    }

    // MARK: errors

    /// missing cluster: NotFound with status, code, request id
    func testMissingClusterNotFoundWithStatusCodeRequestId() async throws {
        let e = try await ucsError({ try await client.clusters().get(clusterId: "0b5c7b93-5a33-11ee-a3ff-0255ac100b0a") })
        guard case let .NotFound(status, code, message, requestId) = e else {
            throw Failure(description: "not NotFound: \(e)")
        }
        try check(status == 404 && code == "UCS.01030001", "status \(String(describing: status)) code \(String(describing: code))")
        try check(!(requestId ?? "").isEmpty && !message.isEmpty, "request id / message")
        try check(e.status() == 404 && e.requestId() == requestId, "accessors")
    }

    /// duplicate: Conflict
    func testDuplicateConflict() async throws {
        _ = try await client.clusters().register(body: attached("dup"))
        let e = try await ucsError({ try await client.clusters().register(body: attached("dup")) })
        guard case .Conflict = e else { throw Failure(description: "not Conflict: \(e)") }
        try check(e.status() == 409 && e.errorCode() == "UCS.01030003" && e.requestId() != nil, "\(e)")
    }

    /// bad input: InvalidArgument naming the field
    func testBadInputInvalidArgumentNamingTheField() async throws {
        let e = try await ucsError({ try await client.clusters().get(clusterId: "not a uuid") })
        guard case let .InvalidArgument(field, reason, _) = e else { throw Failure(description: "not InvalidArgument: \(e)") }
        try check(field == "cluster_id" && !reason.isEmpty, "field \(field)")
        let limit = try await ucsError({ try await client.fleets().list(query: PageQuery(limit: -5)) })
        guard case let .InvalidArgument(limitField, _, _) = limit, limitField == "limit" else {
            throw Failure(description: "limit: \(limit)")
        }
        do {
            _ = try UcsClient(options: ClientOptions(endpoint: baseUrl, ak: "AK"))
            throw Failure(description: "ak without sk accepted")
        } catch let UcsError.InvalidArgument(field, _, _) {
            try check(field == "sk", "field \(field)")
        }
    }

    /// wrong secret: Auth
    func testWrongSecretAuth() async throws {
        var wrong = options()
        wrong.sk = Secret("wrong-sk")
        let e = try await ucsError({ try await UcsClient(options: wrong).clusters().supportedVersions() })
        guard case .Auth = e else { throw Failure(description: "not Auth: \(e)") }
        try check(e.status() == 401 && e.errorCode() == "UCS.01000003", "\(e)")
        try check(!"\(e)".contains("wrong-sk"), "the SK leaked into the error")
    }

    /// throttled and server errors keep their details
    func testThrottledAndServerErrorsKeepTheirDetails() async throws {
        try await control("POST", "faults/next", #"[{"status": 429, "retry_after_secs": 1, "times": 1}]"#)
        let throttled = try await ucsError({ try await UcsClient(options: options(maxRetries: 0)).clusters().supportedVersions() })
        guard case .Throttled = throttled else { throw Failure(description: "not Throttled: \(throttled)") }
        try check(throttled.status() == 429 && throttled.requestId() != nil, "\(throttled)")
        try await control("POST", "faults/next", #"[{"status": 503, "times": 5}]"#)
        let api = try await ucsError({ try await client.clusters().supportedVersions() })
        guard case .Api = api else { throw Failure(description: "not Api: \(api)") }
        try check(api.status() == 503 && api.requestId() != nil, "\(api)")
    }

    /// unreachable service: Connection
    func testUnreachableServiceConnection() async throws {
        var offline = options(maxRetries: 0)
        offline.endpoint = "http://127.0.0.1:9"
        let e = try await ucsError({ try await UcsClient(options: offline).clusters().supportedVersions() })
        guard case .Connection = e else { throw Failure(description: "not Connection: \(e)") }
    }

    // MARK: redaction and panics

    /// dump() and description never show a Secret or an annotation value
    func testDumpAndDescriptionNeverShowASecretOrAnAnnotationValue() async throws {
        let secret = Secret("hunter2-dump")
        let opts = ClientOptions(endpoint: baseUrl, sk: secret, token: Secret("tok-dump"))
        for text in [dumped(secret), dumped(opts), "\(secret)", String(reflecting: secret), "\(opts)"] {
            try check(!text.contains("hunter2-dump") && !text.contains("tok-dump"), text)
        }
        try check(secret.value == "hunter2-dump", "the value itself is kept")
        let meta = ObjectMeta(name: "prod", annotations: ["kubeconfig": "kc-s3cr3t"])
        for text in [dumped(meta), "\(meta)", String(reflecting: meta)] {
            try check(!text.contains("kc-s3cr3t") && text.contains("kubeconfig"), text)
        }
        try check(meta.annotations?["kubeconfig"] == "kc-s3cr3t", "the annotation itself is kept")
    }

    /// a Rust panic arrives as UcsError.Internal
    func testARustPanicArrivesAsUcsErrorInternal() async throws {
        setenv("UCS_SDK_TEST_PANIC", "1", 1)
        defer { unsetenv("UCS_SDK_TEST_PANIC") }
        for _ in 0..<2 {
            let sync = try await ucsError({ try panicForTests() })
            guard case .Internal = sync else { throw Failure(description: "not Internal: \(sync)") }
            let async_ = try await ucsError({ try await panicForTestsAsync() })
            guard case .Internal = async_ else { throw Failure(description: "not Internal: \(async_)") }
        }
        try check(!(try await client.clusters().supportedVersions().versions.isEmpty), "client unusable after a panic")
    }

    // MARK: cancellation

    /// cancelling a Task mid-call drops the call at once
    func testCancellingATaskMidCallDropsTheCallAtOnce() async throws {
        // The next call hangs for ten minutes in the emulator: only a dropped call ends sooner,
        // and an uncancelled one would come back with the versions, not CancellationError.
        try await control("POST", "faults/next",
                          #"[{"latency_ms": 600000, "path_prefix": "/v1/config/registeredclusterversions"}]"#)
        let task = Task { try await client.clusters().supportedVersions() }
        // The emulator takes the scripted fault when the request arrives: once none is pending,
        // the call is in flight (cancelling earlier would not test a call mid-way).
        while try await pendingFaults() > 0 {
            await Task.yield()
        }
        task.cancel()
        let outcome = await task.result
        guard case let .failure(error) = outcome, error is CancellationError else {
            throw Failure(description: "not cancelled: \(outcome)")
        }
        try await reset()
        try check(!(try await client.clusters().supportedVersions().versions.isEmpty), "client unusable after cancel")
    }
}
