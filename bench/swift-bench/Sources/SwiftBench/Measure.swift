// Timing helpers, as the other languages' benches: per-call latencies (median, p90) of sequential
// calls after a tenth as many warm-up calls, and calls per second with 64 calls in flight.
import Foundation

let runs = ["get": 2000, "list50": 300, "list500": 60]
let concurrent = 64
let concurrentCalls = 6400

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One JSON line on stdout: {"lang": "swift", "client": ..., "op": ..., fields...}.
func emit(_ client: String, _ op: String, _ fields: [String: Any]) {
    var row: [String: Any] = ["lang": "swift", "client": client, "op": op]
    row.merge(fields) { _, new in new }
    if let data = try? JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]),
       let line = String(data: data, encoding: .utf8) {
        print(line)
    }
}

func nowNanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func latencies(_ client: String, _ op: String, _ call: () async throws -> Void) async throws {
    guard let count = runs[op] else { throw BenchError("no run count for \(op)") }
    if !selected.contains(op) { return }
    for _ in 0...(count / 10) { try await call() }
    var times: [Double] = []
    times.reserveCapacity(count)
    for _ in 0..<count {
        let started = nowNanos()
        try await call()
        times.append(Double(nowNanos() - started) / 1e3)
    }
    times.sort()
    emit(client, op, ["median_us": times[count / 2], "p90_us": times[count * 9 / 10], "runs": count])
}

/// 64 tasks, each calling in turn: one call each to warm up, then 6,400 calls timed.
func throughput(_ client: String, _ call: @escaping @Sendable () async throws -> Void) async throws {
    if !selected.contains("concurrent64") { return }
    func round(_ each: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrent {
                group.addTask { for _ in 0..<each { try await call() } }
            }
            try await group.waitForAll()
        }
    }
    try await round(1)
    let started = nowNanos()
    try await round(concurrentCalls / concurrent)
    let seconds = Double(nowNanos() - started) / 1e9
    emit(client, "concurrent64", ["calls_per_sec": Double(concurrentCalls) / seconds])
}
