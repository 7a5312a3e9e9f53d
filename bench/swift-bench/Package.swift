// swift-tools-version:5.9
// The Swift rows of bench/RESULTS.md: UcsSdk (the package `scripts/package.sh swift` writes, with
// the release libucs_uniffi.so) against URLSession + JSONDecoder by hand. bench/run.sh lays it
// out as the repository does (dist/swift two levels up) inside the Swift chroot and builds it
// with `swift build -c release`.
import PackageDescription

let package = Package(
    name: "SwiftBench",
    platforms: [.macOS(.v10_15)],
    dependencies: [.package(path: "../../dist/swift")],
    targets: [
        .executableTarget(name: "SwiftBench", dependencies: [.product(name: "UcsSdk", package: "swift")]),
    ]
)
