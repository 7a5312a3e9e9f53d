// Lifting records through the generated readers (post-processed by swift/patch-readers.py):
// strings of every UTF-8 width, empty and absent values, maps and lists read back as written.

import Foundation
import UcsSdk
import XCTest

final class LiftTests: XCTestCase {
    /// a record of multi-byte, empty and absent strings, maps and lists lifts back as written
    func testRecordRoundTripsThroughTheReaders() throws {
        let labels = ["région": "中文", "": "", "emoji": "🚀 ok", "ascii": "plain"]
        let cluster = Cluster(
            kind: "Cluster", apiVersion: "",
            metadata: ObjectMeta(
                uid: "é", name: String(repeating: "ñ", count: 300), labels: labels, annotations: [:],
                creationTimestamp: nil, updateTimestamp: "2026-12-02T00:00:00Z", extra: #"{"note":"ü ✓"}"#),
            spec: nil, status: nil, extra: "")
        let lifted = try FfiConverterTypeCluster_lift(FfiConverterTypeCluster_lower(cluster))
        try check(lifted == cluster, "lifted \(lifted)")
        try check(lifted.metadata?.name?.utf8.count == 600, "name bytes \(lifted.metadata?.name?.utf8.count ?? -1)")
        try check(lifted.metadata?.labels?["emoji"] == "🚀 ok", "labels \(String(describing: lifted.metadata?.labels))")
        try check(lifted.metadata?.creationTimestamp == nil && lifted.spec == nil, "absent values came back")
    }

    /// a list of many records lifts every item (integers and option tags at every offset)
    func testListRoundTripsThroughTheReaders() throws {
        let items = (0..<200).map { i in
            Cluster(kind: i % 2 == 0 ? "Cluster" : nil, apiVersion: "v1",
                    metadata: ObjectMeta(uid: "id-\(i)", name: "名前-\(i)", labels: nil, annotations: nil,
                                         creationTimestamp: nil, updateTimestamp: nil, extra: ""),
                    spec: nil, status: nil, extra: "")
        }
        let list = ClusterList(items: items, total: 200)
        let lifted = try FfiConverterTypeClusterList_lift(FfiConverterTypeClusterList_lower(list))
        try check(lifted == list, "lifted \(lifted.items.count) items, total \(String(describing: lifted.total))")
    }
}
