// The by-hand rows: URLSession (FoundationNetworking on Linux) and JSONDecoder into Codable structs
// of the fields the service sends, with GETs signed once (SDK-HMAC-SHA256) as node_bench.mjs and
// python_bench.py sign theirs.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

struct ClusterListBody: Decodable {
    let items: [ClusterBody]
    let total: Int?
}

struct ClusterBody: Decodable {
    struct Metadata: Decodable {
        let uid, name, creationTimestamp, updateTimestamp: String?
        let labels, annotations: [String: String]?
    }

    struct Spec: Decodable {
        let syncMode, manageType, provider, type, category, country, city, operatorNamespace: String?
        let clusterGroupId: String?
        let isDownloadedCert: Bool?

        enum CodingKeys: String, CodingKey {
            case syncMode, manageType, provider, type, category, country, city, operatorNamespace, clusterGroupId
            case isDownloadedCert = "IsDownloadedCert"
        }
    }

    struct Condition: Decodable {
        let type, status, lastTransitionTime, reason, message: String?
    }

    struct Endpoint: Decodable {
        let url, type: String?
    }

    struct Status: Decodable {
        let kubernetesVersion, phase, arrearFreeze, policeFreeze: String?
        let conditions: [Condition]?
        let endpoints: [Endpoint]?
    }

    let kind, apiVersion: String?
    let metadata: Metadata?
    let spec: Spec?
    let status: Status?
}

/// A GET signed once by hand, as a user without an SDK would.
func presign(base: String, creds: [String: String], path: String, query: [(String, String)] = []) throws -> URLRequest {
    guard let parts = URLComponents(string: base), let hostName = parts.host,
          let ak = creds["ak"], let sk = creds["sk"], let domain = creds["domain_id"] else {
        throw BenchError("bad base URL or credentials")
    }
    let host = parts.port.map { "\(hostName):\($0)" } ?? hostName
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    let date = formatter.string(from: Date())
    let headers = [("host", host), ("x-domain-id", domain), ("x-sdk-date", date)]
    let queryText = query.map { "\($0.0)=\($0.1)" }.sorted().joined(separator: "&")
    let signed = headers.map { $0.0 }.joined(separator: ";")
    let canonical = [
        "GET", path.hasSuffix("/") ? path : path + "/", queryText,
        headers.map { "\($0.0):\($0.1)\n" }.joined(), signed, Sha256.hex(Sha256.hash([])),
    ].joined(separator: "\n")
    let toSign = "SDK-HMAC-SHA256\n\(date)\n\(Sha256.hex(Sha256.hash(Array(canonical.utf8))))"
    let signature = Sha256.hex(Sha256.hmac(key: Array(sk.utf8), Array(toSign.utf8)))
    guard let url = URL(string: base + path + (queryText.isEmpty ? "" : "?" + queryText)) else {
        throw BenchError("bad URL for \(path)")
    }
    var request = URLRequest(url: url)
    request.setValue(domain, forHTTPHeaderField: "X-Domain-Id")
    request.setValue(date, forHTTPHeaderField: "X-Sdk-Date")
    request.setValue("SDK-HMAC-SHA256 Access=\(ak), SignedHeaders=\(signed), Signature=\(signature)",
                     forHTTPHeaderField: "Authorization")
    return request
}

/// The body of a 200 answer (corelibs' completion-handler API, which every Swift on Linux has).
func fetch(_ session: URLSession, _ request: URLRequest) async throws -> Data {
    try await withCheckedThrowingContinuation { continuation in
        session.dataTask(with: request) { data, response, error in
            if let error {
                continuation.resume(throwing: error)
            } else if let status = (response as? HTTPURLResponse)?.statusCode, status == 200, let data {
                continuation.resume(returning: data)
            } else {
                let text = data.flatMap { String(data: $0, encoding: .utf8) } ?? ""
                continuation.resume(throwing: BenchError("HTTP \(String(describing: response)): \(text)"))
            }
        }.resume()
    }
}

func byHand(base: String, creds: [String: String], cid: String) async throws {
    // 64 connections, so that 64 calls can be in flight (URLSession's default is 6 per host).
    let configuration = URLSessionConfiguration.default
    configuration.httpMaximumConnectionsPerHost = concurrent
    let session = URLSession(configuration: configuration)
    let get = try presign(base: base, creds: creds, path: "/v1/clusters/\(cid)")
    let list50 = try presign(base: base, creds: creds, path: "/v1/clusters", query: [("limit", "50")])
    let list500 = try presign(base: base, creds: creds, path: "/v1/clusters", query: [("limit", "500")])
    let decoder = JSONDecoder()
    try await latencies("urlsession", "get") {
        _ = try decoder.decode(ClusterBody.self, from: try await fetch(session, get))
    }
    try await latencies("urlsession", "list50") {
        _ = try decoder.decode(ClusterListBody.self, from: try await fetch(session, list50))
    }
    try await latencies("urlsession", "list500") {
        _ = try decoder.decode(ClusterListBody.self, from: try await fetch(session, list500))
    }
    try await throughput("urlsession") {
        _ = try JSONDecoder().decode(ClusterBody.self, from: try await fetch(session, get))
    }
}
