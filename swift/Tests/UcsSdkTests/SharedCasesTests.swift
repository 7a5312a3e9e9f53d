// The language-neutral cases of tests/cases/operations (format: its README.md), every scenario
// file on a freshly reset emulator, each step through `UcsClient.callJson`, the binding's JSON
// entry. The package carries the cases as a test resource; UCS_CASES_DIR names another folder.

import Foundation
import UcsSdk
import XCTest

private func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

private func text(_ value: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]), as: UTF8.self)
}

private func typeName(_ v: Any) -> String {
    switch v {
    case is NSNull: return "null"
    case is String: return "string"
    case is [Any]: return "array"
    case is [String: Any]: return "object"
    case is Bool: return "boolean"
    default: return "number"
    }
}

private func size(_ v: Any) -> Int? {
    if let a = v as? [Any] { return a.count }
    if let o = v as? [String: Any] { return o.count }
    if let s = v as? String { return s.count }
    return nil
}

/// Subset matching: listed keys, `$` operators and every array item must match.
private func matches(_ want: Any, _ got: Any, _ at: String) throws {
    let bad = Failure(description: "at \(at): expected \(want), got \(got)")
    if let w = want as? [String: Any], w.keys.contains(where: { $0.hasPrefix("$") }) {
        for (op, arg) in w {
            let ok: Bool
            switch op {
            case "$len": ok = size(got) == (arg as? NSNumber)?.intValue
            case "$nonempty": ok = size(got).map { ($0 > 0) == (arg as? Bool) } ?? false
            case "$type": ok = typeName(got) == (arg as? String)
            case "$contains": ok = (got as? [Any])?.contains { (try? matches(arg, $0, at)) != nil } ?? false
            default: throw Failure(description: "unknown operator \(op)")
            }
            if !ok { throw bad }
        }
    } else if let w = want as? [String: Any] {
        guard let g = got as? [String: Any] else { throw bad }
        for (key, value) in w { try matches(value, g[key] ?? NSNull(), "\(at).\(key)") }
    } else if let w = want as? [Any] {
        guard let g = got as? [Any], g.count == w.count else { throw bad }
        for (i, pair) in zip(w, g).enumerated() { try matches(pair.0, pair.1, "\(at)[\(i)]") }
    } else if let w = want as? String {
        if (got as? String) != w { throw bad }
    } else if want is NSNull {
        if !(got is NSNull) { throw bad }
    } else if let w = want as? NSNumber {
        if (got as? NSNumber)?.doubleValue != w.doubleValue || got is String { throw bad }
    }
}

/// The value at a dotted path (`items.0.metadata.uid`; `$` is the whole answer).
private func atPath(_ value: Any, _ path: String) -> Any {
    if path == "$" { return value }
    return path.split(separator: ".").reduce(value) { v, key in
        if let a = v as? [Any], let i = Int(key), i < a.count { return a[i] }
        return (v as? [String: Any])?[String(key)] ?? NSNull()
    }
}

/// The scenario files: `UCS_CASES_DIR`, else the copy of tests/cases/operations the package
/// carries as a resource (`scripts/package.sh swift` puts it there).
private func casesDirectory() -> String {
    if let dir = ProcessInfo.processInfo.environment["UCS_CASES_DIR"], !dir.isEmpty { return dir }
    return Bundle.module.url(forResource: "cases", withExtension: nil)?.path ?? "cases"
}

final class SharedCasesTests: EmulatorTestCase {
    /// One scenario per file, each on a freshly reset emulator; every failing file is reported.
    func testSharedCases() async throws {
        let dir = casesDirectory()
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        try check(files.count >= 6, "shared cases: only \(files.count) scenario files in \(dir)")
        let password = try? UcsClient(options: ClientOptions(
            endpoint: baseUrl, user: credential("user"), password: Secret(credential("password")),
            domainName: credential("domain_name"), region: "cn-north-4", hssEndpoint: baseUrl, iamEndpoint: baseUrl))
        var passed: [String] = []
        for file in files {
            do {
                try await reset()
                try await runCase(file, dir: dir, password: password)
                passed.append(file)
                print("ok   shared case \(file)")
            } catch {
                XCTFail("shared case \(file): \(error)")
            }
        }
        print("shared cases: \(passed.count) of \(files.count) scenario files passed")
    }

    private func runCase(_ file: String, dir: String, password: UcsClient?) async throws {
        var saved: [String: Any] = ["domain_id": credential("domain_id"), "project_id": credential("project_id")]
        var unique = 0
        func lookup(_ name: String) throws -> Any {
            if name == "unique" { unique += 1; return "u\(unique)" }
            guard let value = saved[name] else { throw Failure(description: "${\(name)} was never saved") }
            return value
        }
        // `${name}` replaced by saved values; a whole-string reference keeps the value's type.
        func substitute(_ value: Any) throws -> Any {
            if let s = value as? String {
                if s.hasPrefix("${"), s.hasSuffix("}"), s.dropFirst(2).allSatisfy({ $0 != "$" }) {
                    return try lookup(String(s.dropFirst(2).dropLast()))
                }
                var out = s
                while let start = out.range(of: "${"), let end = out[start.upperBound...].firstIndex(of: "}") {
                    let found = try lookup(String(out[start.upperBound..<end]))
                    out.replaceSubrange(start.lowerBound...end, with: found as? String ?? "\(found)")
                }
                return out
            }
            if let a = value as? [Any] { return try a.map(substitute) }
            if let o = value as? [String: Any] { return try o.mapValues(substitute) }
            return value
        }
        let steps = try json(String(contentsOfFile: "\(dir)/\(file)", encoding: .utf8)) as? [Any] ?? []
        for (i, raw) in steps.enumerated() {
            guard let step = try substitute(raw) as? [String: Any] else { throw Failure(description: "step \(i) is not an object") }
            let here = "\(file) step \(i) (\(step["call"] ?? "emulator"))"
            if let path = step["emulator"] as? String {
                try await control(step["method"] as? String ?? "POST", path, try text(step["body"] ?? [String: Any]()))
                continue
            }
            let call = (step["call"] as? String ?? "").split(separator: ".").map(String.init)
            guard call.count == 2 else { throw Failure(description: "\(here): bad call") }
            let who = step["auth"] as? String == "password" ? password : client
            guard let who else { throw Failure(description: "\(here): no password client") }
            let wantError = step["expect_error"] as? [String: Any]
            let answer: String
            do {
                answer = try await who.callJson(
                    resource: call[0], name: call[1], ids: step["ids"] as? [String] ?? [],
                    bodyJson: try step["body"].map(text), queryJson: try step["query"].map(text))
            } catch let e as UcsError {
                guard var want = wantError else { throw Failure(description: "\(here): failed: \(e)") }
                if let needle = want.removeValue(forKey: "message_contains") as? String {
                    try check("\(e) \(String(reflecting: e))".contains(needle), "\(here): \(e) lacks \(needle)")
                }
                var field: Any = NSNull()
                if case let .InvalidArgument(name, _, _) = e { field = name }
                let info: [String: Any] = [
                    "kind": Mirror(reflecting: e).children.first?.label ?? "\(e)",
                    "code": e.errorCode() ?? NSNull(), "status": e.status().map { NSNumber(value: $0) } ?? NSNull(),
                    "field": field,
                ]
                try matches(want, info, "\(here): error")
                continue
            }
            let got = try json(answer)
            if let wantError { throw Failure(description: "\(here): expected the error \(wantError), got \(got)") }
            if let want = step["expect"] { try matches(want, got, "\(here): answer") }
            for (key, wherePath) in step["save"] as? [String: String] ?? [:] {
                let value = atPath(got, wherePath)
                if value is NSNull { throw Failure(description: "\(here): nothing at \(wherePath) in \(got)") }
                saved[key] = value
            }
        }
    }
}
