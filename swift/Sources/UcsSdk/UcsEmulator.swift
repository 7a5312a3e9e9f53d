// A helper for your own tests, in the style of moto: runs the bundled `ucs emulator` (a local
// UCS, HSS, IAM and Karmada gateway) on a free loopback port, hands back a connected client and
// stops the process afterwards.
//
//     let (client, stop) = try UcsEmulator.start()
//     defer { stop() }
//     _ = try await client.clusters().register(body: ...)
//
// The binary is `UCS_BIN` when set, else the package's own `bin/ucs` (dist/swift ships one),
// else `ucs` on `PATH`.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The emulator binary is missing, did not start, or a control call failed.
public struct UcsEmulatorError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// A running emulator: its base URL, the demo account's credentials and a connected `client`.
/// Either a process this helper started (`launch`) or one started by someone else (`attach`,
/// e.g. a test script that starts it outside a sandbox), which `stop()` leaves running.
public final class UcsEmulator: @unchecked Sendable, CustomStringConvertible {
    /// `http://127.0.0.1:PORT`, every service's endpoint.
    public let baseUrl: String
    /// The demo credentials the emulator printed: `ak`, `sk`, `domain_id`, `project_id`, `user`,
    /// `password`, `domain_name`.
    public let credentials: [String: String]
    /// A client of the demo account, connected to every service of this emulator.
    public let client: UcsClient

    private let process: Process?
    private let pipes: [Pipe]
    private let lock = NSLock()

    private init(baseUrl: String, credentials: [String: String], process: Process?, pipes: [Pipe]) throws {
        self.baseUrl = baseUrl
        self.credentials = credentials
        self.process = process
        self.pipes = pipes
        client = try UcsClient(options: UcsEmulator.options(baseUrl, credentials))
    }

    deinit {
        stop()
    }

    // The credentials stay out of the text form.
    public var description: String {
        "UcsEmulator(baseUrl: \(baseUrl), pid: \(process.map { "\($0.processIdentifier)" } ?? "not ours"))"
    }

    /// Starts an emulator and answers its client and the function that stops it.
    public static func start(binary: String? = nil, arguments: [String] = []) throws
        -> (client: UcsClient, stop: @Sendable () -> Void)
    {
        let emulator = try launch(binary: binary, arguments: arguments)
        return (emulator.client, { emulator.stop() })
    }

    /// Starts `ucs emulator --listen 127.0.0.1:0 --federation-seconds 0` plus `arguments`
    /// (`--fault-latency-ms 50`, `--quota 3`, ...); call `stop()` when done.
    public static func launch(binary: String? = nil, arguments: [String] = []) throws -> UcsEmulator {
        let path = try binary ?? binaryPath()
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw UcsEmulatorError("ucs binary \(path): not an executable file")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["emulator", "--listen", "127.0.0.1:0", "--federation-seconds", "0"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try withSignalsUnblocked { try process.run() }
        } catch {
            throw UcsEmulatorError("cannot start \(path): \(error)")
        }
        // Line 1 is the base URL, line 2 the demo credentials (JSON); both come at once when
        // it listens. End of file before them means the process ended (its stderr says why).
        var text = ""
        while text.filter({ $0 == "\n" }).count < 2 {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                process.waitUntilExit()
                let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw UcsEmulatorError(
                    "\(path) emulator ended (status \(process.terminationStatus)) before printing its address: \(said)")
            }
            text += String(decoding: chunk, as: UTF8.self)
        }
        // Whatever it prints later (stderr: the TLS listener, warnings) is read and dropped, so
        // it never blocks on a full pipe.
        output.fileHandleForReading.readabilityHandler = { handle in _ = handle.availableData }
        errors.fileHandleForReading.readabilityHandler = { handle in _ = handle.availableData }
        let lines = text.split(separator: "\n").map(String.init)
        do {
            return try UcsEmulator(
                baseUrl: lines[0], credentials: try parseCredentials(lines[1]), process: process,
                pipes: [output, errors])
        } catch {
            process.terminate()
            process.waitUntilExit()
            throw error
        }
    }

    /// An emulator someone else runs at `baseUrl`, with the credentials JSON it printed.
    public static func attach(baseUrl: String, credentialsJson: String) throws -> UcsEmulator {
        try UcsEmulator(baseUrl: baseUrl, credentials: try parseCredentials(credentialsJson), process: nil, pipes: [])
    }

    /// `attach` to `UCS_BASE_URL` with `UCS_CREDENTIALS` when both are set, else `launch()`.
    public static func fromEnvironmentOrLaunch() throws -> UcsEmulator {
        let env = ProcessInfo.processInfo.environment
        if let url = env["UCS_BASE_URL"], !url.isEmpty, let json = env["UCS_CREDENTIALS"], !json.isEmpty {
            return try attach(baseUrl: url, credentialsJson: json)
        }
        return try launch()
    }

    /// The `ucs` binary `launch()` runs: `UCS_BIN`, else the package's `bin/ucs`, else `ucs` on `PATH`.
    public static func binaryPath() throws -> String {
        let env = ProcessInfo.processInfo.environment
        if let explicit = env["UCS_BIN"], !explicit.isEmpty {
            return explicit
        }
        // This file is Sources/UcsSdk/UcsEmulator.swift of the package (SwiftPM builds from source).
        let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("bin/ucs").path
        if FileManager.default.isExecutableFile(atPath: bundled) {
            return bundled
        }
        for directory in (env["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/ucs"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        throw UcsEmulatorError(
            "no ucs binary: set UCS_BIN, use the package from `scripts/package.sh swift` (bin/ucs), or put ucs on PATH")
    }

    /// Runs `body` with no signal blocked on this thread. A child inherits its spawning thread's
    /// signal mask, and Dispatch's threads (where async code runs) block SIGTERM: an emulator
    /// started from one would ignore `stop()`.
    private static func withSignalsUnblocked<T>(_ body: () throws -> T) rethrows -> T {
        var none = sigset_t()
        var saved = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        return try body()
    }

    private static func parseCredentials(_ json: String) throws -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw UcsEmulatorError("credentials: not a JSON object")
        }
        return object.compactMapValues { $0 as? String }
    }

    private static func options(_ baseUrl: String, _ c: [String: String]) -> ClientOptions {
        ClientOptions(
            endpoint: baseUrl, ak: c["ak"], sk: c["sk"].map(Secret.init),
            domainId: c["domain_id"], projectId: c["project_id"],
            hssEndpoint: baseUrl, iamEndpoint: baseUrl, karmadaEndpoint: "\(baseUrl)/karmada/{fleet}")
    }

    /// The demo credential `name` (`ak`, `sk`, `domain_id`, ...), or "" when it has none.
    public func credential(_ name: String) -> String {
        credentials[name] ?? ""
    }

    /// Client options for this emulator (every endpoint, the demo AK/SK and ids), to adjust and
    /// pass to `UcsClient(options:)`.
    public func options(maxRetries: UInt32? = nil) -> ClientOptions {
        var options = UcsEmulator.options(baseUrl, credentials)
        options.maxRetries = maxRetries
        return options
    }

    /// Calls the control API, `/_emulator/{path}` (`reset`, `faults`, `faults/next`, ...); fails
    /// unless it answers 2xx.
    public func control(_ method: String, _ path: String, _ body: String = "{}") async throws {
        guard let url = URL(string: "\(baseUrl)/_emulator/\(path)") else {
            throw UcsEmulatorError("control path \(path): not a URL")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let status: Int = try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { _, response, error in
                if let error {
                    continuation.resume(throwing: error)
                    return
                }
                continuation.resume(returning: (response as? HTTPURLResponse)?.statusCode ?? 0)
            }.resume()
        }
        guard (200..<300).contains(status) else {
            throw UcsEmulatorError("\(method) /_emulator/\(path) answered \(status)")
        }
    }

    /// Forgets every resource, fault and quota change.
    public func reset() async throws {
        try await control("POST", "reset")
    }

    /// Whether this helper started the process and it is still running.
    public var isRunning: Bool {
        process?.isRunning ?? false
    }

    /// Stops the process this helper started (and waits for it); nothing for an attached one.
    /// Calling it again does nothing.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        for pipe in pipes { pipe.fileHandleForReading.readabilityHandler = nil }
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
