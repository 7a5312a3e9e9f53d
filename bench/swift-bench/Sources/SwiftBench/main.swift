// Swift rows of bench/RESULTS.md: UcsSdk against URLSession + JSONDecoder by hand, against one
// emulator. One JSON line per measurement on stdout.
//     SwiftBench BASE CREDENTIALS_JSON CLUSTER_ID [ours|by_hand ...]
import Foundation

let args = CommandLine.arguments
guard args.count >= 4 else {
    FileHandle.standardError.write(Data("usage: SwiftBench BASE CREDENTIALS_JSON CLUSTER_ID [ours|by_hand ...]\n".utf8))
    exit(2)
}
let (base, cid) = (args[1], args[3])
let which = args.count > 4 ? Array(args[4...]) : ["ours", "by_hand"]
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
