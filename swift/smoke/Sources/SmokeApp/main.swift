// The smoke scenario: the package's own emulator helper starts the bundled `ucs`, then a cluster
// and a fleet are registered, the clusters listed (page call and AsyncSequence), and a missing
// cluster answers NotFound with its code. Exits 1 on the first failed check.

import Foundation
import UcsSdk

func check(_ ok: Bool, _ what: @autoclosure () -> String) {
    if !ok {
        FileHandle.standardError.write(Data("swift smoke: \(what())\n".utf8))
        exit(1)
    }
}

let emulator = try UcsEmulator.launch()
let client = emulator.client
do {
    let cluster = try await client.clusters().register(body: RegisterCluster(
        metadata: RegisterClusterMetadata(name: "smoke"),
        spec: RegisterClusterSpec(category: "attachedcluster", clusterType: "privatek8s", provider: "privatek8s",
                                  country: "CN", city: "110000", manageType: "discrete"))).uid
    let fleet = try await client.fleets().register(body: RegisterFleet(
        metadata: NameMeta(name: "smoke-fleet"), spec: RegisterFleetSpec(clusterIds: [cluster]))).uid
    let page = try await client.clusters().list(query: ListClustersQuery())
    check(page.items.map { $0.metadata?.uid } == [cluster], "clusters listed: \(page.items)")
    check(page.items.first?.spec?.clusterGroupId == fleet, "the cluster is not in fleet \(fleet)")
    var names: [String] = []
    for try await c in client.clusters().iter(ListClustersQuery(limit: 1)) { names.append(c.metadata?.name ?? "") }
    check(names == ["smoke"], "iterated \(names)")
    var notFound: String?
    do {
        _ = try await client.clusters().get(clusterId: "0b5c7b93-5a33-11ee-a3ff-0255ac100b0a")
    } catch let UcsError.NotFound(status, code, _, _) {
        check(status == 404, "NotFound status \(String(describing: status))")
        notFound = code
    }
    check(notFound == "UCS.01030001", "a missing cluster gave no NotFound with its code")
    check("\(Secret(emulator.credential("sk")))" == "***", "a Secret shows its value")
    print("swift smoke: ok (fleet \(fleet), 1 cluster listed, NotFound \(notFound ?? ""), emulator \(emulator.baseUrl))")
} catch {
    emulator.stop()
    check(false, "\(error)")
}
emulator.stop()
check(!emulator.isRunning, "the emulator is still running after stop()")
