// Swift rows of bench/RESULTS.md: UcsSdk against URLSession + JSONDecoder by hand, against one
// emulator. One JSON line per measurement on stdout.
//     SwiftBench BASE CREDENTIALS_JSON CLUSTER_ID [ours|by_hand ...] [get|list50|list500|concurrent64 ...]
// Naming operations runs only those (e.g. `ours list500` under a profiler).
import Foundation

let args = CommandLine.arguments
guard args.count >= 4 else {
    FileHandle.standardError.write(Data("usage: SwiftBench BASE CREDENTIALS_JSON CLUSTER_ID [ours|by_hand ...] [OP ...]\n".utf8))
    exit(2)
}
let (base, cid) = (args[1], args[3])
let words = args.count > 4 ? Array(args[4...]) : []
let clients = words.filter { ["ours", "by_hand"].contains($0) }
let which = clients.isEmpty ? ["ours", "by_hand"] : clients
let named = Set(words.filter { runs[$0] != nil || $0 == "concurrent64" })
let selected = named.isEmpty ? Set(Array(runs.keys) + ["concurrent64"]) : named
do {
    guard let object = try JSONSerialization.jsonObject(with: Data(args[2].utf8)) as? [String: Any] else {
        throw BenchError("credentials: not a JSON object")
    }
    let creds = object.compactMapValues { $0 as? String }
    if which.contains("ours") { try await ours(base: base, creds: creds, cid: cid) }
    if which.contains("by_hand") { try await byHand(base: base, creds: creds, cid: cid) }
} catch {
    FileHandle.standardError.write(Data("swift bench: \(error)\n".utf8))
    exit(1)
}
