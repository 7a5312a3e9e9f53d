// What every test case shares: the emulator (UcsEmulator: the one swift/run-tests.sh starts,
// named by UCS_BASE_URL and UCS_CREDENTIALS, else a process of its own), reset before each test,
// and the small checks the cases were written with.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import UcsSdk
import XCTest

struct Failure: Error, CustomStringConvertible {
    let description: String
}

/// Fails the test (by throwing) with `message` unless `condition` holds.
func check(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line) throws {
    if !condition { throw Failure(description: "\(file):\(line): \(message())") }
}

/// Runs `body`, which must throw a `UcsError`; answers it.
func ucsError<T>(_ body: () async throws -> T, line: UInt = #line) async throws -> UcsError {
    do {
        let value = try await body()
        throw Failure(description: "line \(line): expected a UcsError, got \(value)")
    } catch let e as UcsError {
        return e
    }
}

func attached(_ name: String) -> RegisterCluster {
    RegisterCluster(
        metadata: RegisterClusterMetadata(name: name),
        spec: RegisterClusterSpec(
            category: "attachedcluster", clusterType: "privatek8s", provider: "privatek8s",
            country: "CN", city: "110000", manageType: "discrete"))
}

func rule(_ name: String, _ type: String = "readonly") -> CreateRule {
    CreateRule(metadata: NameMeta(name: name), spec: RuleSpec(ruleType: type))
}

final class Recorder: ProgressListener, @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [ProgressEvent] = []
    func onProgress(event: ProgressEvent) {
        lock.lock(); seen.append(event); lock.unlock()
    }
    var events: [ProgressEvent] {
        lock.lock(); defer { lock.unlock() }; return seen
    }
}

/// What `dump()` prints of `value`.
func dumped<T>(_ value: T) -> String {
    var text = ""
    dump(value, to: &text)
    return text
}

/// A test case against a freshly reset emulator; `client`, `baseUrl`, `credential(_:)`,
/// `control(...)` and `options(...)` are its emulator's.
class EmulatorTestCase: XCTestCase {
    private(set) var emulator: UcsEmulator!

    override func setUp() async throws {
        try await super.setUp()
        emulator = try UcsEmulator.fromEnvironmentOrLaunch()
        try await emulator.reset()
    }

    override func tearDown() async throws {
        emulator?.stop()
        emulator = nil
        try await super.tearDown()
    }

    var client: UcsClient { emulator.client }
    var baseUrl: String { emulator.baseUrl }
    func credential(_ name: String) -> String { emulator.credential(name) }
    func options(maxRetries: UInt32? = nil) -> ClientOptions { emulator.options(maxRetries: maxRetries) }
    func control(_ method: String, _ path: String, _ body: String = "{}") async throws {
        try await emulator.control(method, path, body)
    }
    func reset() async throws { try await emulator.reset() }

    /// How many scripted faults (`POST /_emulator/faults/next`) no request has taken yet.
    func pendingFaults() async throws -> Int {
        guard let url = URL(string: "\(baseUrl)/_emulator/faults/next") else {
            throw Failure(description: "\(baseUrl): not a URL")
        }
        let data: Data = try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: url) { data, _, error in
                if let error {
                    continuation.resume(throwing: error)
                } else {
                    continuation.resume(returning: data ?? Data())
                }
            }.resume()
        }
        guard let pending = try JSONSerialization.jsonObject(with: data) as? [Any] else {
            throw Failure(description: "faults/next answered \(String(decoding: data, as: UTF8.self))")
        }
        return pending.count
    }
}
