// `swift test` of a consumer: the helper's emulator per test, as a user's own tests would use it.

import UcsSdk
import XCTest

final class SmokeTests: XCTestCase {
    func testRegisterAndListWithTheBundledEmulator() async throws {
        let (client, stop) = try UcsEmulator.start()
        defer { stop() }
        let body = RegisterCluster(
            metadata: RegisterClusterMetadata(name: "from-tests"),
            spec: RegisterClusterSpec(category: "attachedcluster", clusterType: "privatek8s", provider: "privatek8s",
                                      country: "CN", city: "110000", manageType: "discrete"))
        let id = try await client.clusters().register(body: body).uid
        let page = try await client.clusters().list(query: ListClustersQuery())
        XCTAssertEqual(page.items.map { $0.metadata?.uid }, [id])
    }
}
