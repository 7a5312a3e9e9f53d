// The GitOps pagers (repos().iter, configsets().iter) as AsyncSequences; the GitOps operations
// themselves are shared cases (SharedCasesTests.swift).

import Foundation
import UcsSdk
import XCTest

final class GitOpsPagersTests: EmulatorTestCase {
    /// repositories and config sets are paged, every item once
    func testReposAndConfigSetsArePaged() async throws {
        let cluster = try await client.clusters().register(body: attached("gitops")).uid
        _ = try await client.callJson(resource: "gitops", name: "enable", ids: [cluster], bodyJson: nil, queryJson: nil)
        let names = (1...5).map { "repo-\($0)" }
        for name in names {
            let repo = #"{"name": "\#(name)", "namespace": "default", "gitRepositorySpec": {"url": "https://example.com/\#(name).git"}, "clusterInfo": {"clusterID": "\#(cluster)"}}"#
            _ = try await client.callJson(resource: "repos", name: "create", ids: [], bodyJson: repo, queryJson: nil)
            let set = #"{"name": "cs-\#(name)", "namespace": "default", "repoName": "\#(name)", "kustomizationSpec": {"path": "./"}, "clusterInfo": {"clusterID": "\#(cluster)"}}"#
            _ = try await client.callJson(resource: "configsets", name: "create", ids: [], bodyJson: set, queryJson: nil)
        }
        var repos: [String] = []
        for try await repo in client.repos().iter(ListReposQuery(clusterid: cluster, limit: 2)) {
            repos.append(repo.name ?? "")
        }
        try check(repos.sorted() == names, "repos \(repos)")
        var sets: [String] = []
        for try await set in client.configsets().iter(ListConfigSetsQuery(limit: 2)) {
            sets.append(set.name ?? "")
        }
        try check(sets.sorted() == names.map { "cs-\($0)" }, "config sets \(sets)")
    }
}
