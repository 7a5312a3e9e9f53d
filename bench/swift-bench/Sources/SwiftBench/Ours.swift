// The UcsSdk rows: the package's client (uniffi over the Rust core), the same calls as the others.
import UcsSdk

func ours(base: String, creds: [String: String], cid: String) async throws {
    let client = try UcsClient(options: ClientOptions(
        endpoint: base, ak: creds["ak"], sk: creds["sk"].map(Secret.init), domainId: creds["domain_id"]))
    let clusters = client.clusters()
    try await latencies("ucs-sdk", "get") { _ = try await clusters.get(clusterId: cid) }
    try await latencies("ucs-sdk", "list50") { _ = try await clusters.list(query: ListClustersQuery(limit: 50)) }
    try await latencies("ucs-sdk", "list500") { _ = try await clusters.list(query: ListClustersQuery(limit: 500)) }
    try await throughput("ucs-sdk") { _ = try await clusters.get(clusterId: cid) }
}
