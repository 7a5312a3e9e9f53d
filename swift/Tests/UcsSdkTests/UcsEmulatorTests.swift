// The test helper itself: `UcsEmulator.start()` runs a process of its own (the package's bin/ucs,
// or UCS_BIN) on a free port, its client works, and `stop()` ends the process.

import Foundation
import UcsSdk
import XCTest

final class UcsEmulatorTests: XCTestCase {
    func testStartGivesAConnectedClientAndStopEndsTheProcess() async throws {
        let emulator = try UcsEmulator.launch()
        XCTAssertTrue(emulator.isRunning)
        XCTAssertTrue(emulator.baseUrl.hasPrefix("http://127.0.0.1:"), emulator.baseUrl)
        XCTAssertFalse("\(emulator)".contains(emulator.credential("sk")), "the description shows the SK")
        let id = try await emulator.client.clusters().register(body: attached("helper")).uid
        let got = try await emulator.client.clusters().get(clusterId: id)
        XCTAssertEqual(got.metadata?.name, "helper")
        try await emulator.reset()
        let afterReset = try await emulator.client.clusters().list(query: ListClustersQuery())
        XCTAssertEqual(afterReset.total, 0, "reset kept \(afterReset)")
        emulator.stop()
        XCTAssertFalse(emulator.isRunning)
        emulator.stop()  // a second stop does nothing
        let e = try await ucsError({ try await UcsClient(options: emulator.options(maxRetries: 0)).clusters().supportedVersions() })
        guard case .Connection = e else { return XCTFail("a stopped emulator still answers: \(e)") }
    }

    func testStartTupleAndExtraArguments() async throws {
        let (client, stop) = try UcsEmulator.start(arguments: ["--quota", "1"])
        defer { stop() }
        _ = try await client.clusters().register(body: attached("one"))
        let e = try await ucsError({ try await client.clusters().register(body: attached("two")) })
        XCTAssertEqual(e.errorCode(), "UCS.01000017", "a second cluster beyond --quota 1: \(e)")
    }

    func testAMissingBinaryIsAClearError() {
        XCTAssertThrowsError(try UcsEmulator.launch(binary: "/nonexistent/ucs")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/ucs"), "\(error)")
        }
    }
}
