// swift-tools-version:5.9
// The consumer of scripts/smoke-swift.sh: depends on the UcsSdk package of dist/swift by path,
// as a user's package would, and needs no Rust: the native library and `ucs` come with it.
import PackageDescription

let package = Package(
    name: "SmokeApp",
    platforms: [.macOS(.v10_15)],
    dependencies: [.package(path: "../dist/swift")],
    targets: [
        .executableTarget(name: "SmokeApp", dependencies: [.product(name: "UcsSdk", package: "swift")]),
        .testTarget(name: "SmokeAppTests", dependencies: [.product(name: "UcsSdk", package: "swift")]),
    ]
)
