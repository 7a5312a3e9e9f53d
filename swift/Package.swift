// swift-tools-version:5.9
// The UcsSdk Swift package: the uniffi-generated bindings of the Rust core (Sources/UcsSdk, with
// the hand-written Secret, pagers and UcsEmulator), the C modules of the FFI headers, and the
// prebuilt lib/libucs_uniffi.so. `scripts/package.sh swift` writes the complete package (the
// generated sources and headers, the library and bin/ucs) to dist/swift; in the repository
// swift/ holds only its hand-written parts.
import PackageDescription

// The prebuilt native library sits in the package itself, so the linker is told where to find it
// and binaries find it there at run time (rpath); a consumer needs no Rust and no LD_LIBRARY_PATH.
let nativeLibrary = "\(Context.packageDirectory)/lib"

let package = Package(
    name: "UcsSdk",
    platforms: [.macOS(.v10_15), .iOS(.v13)],
    products: [
        .library(name: "UcsSdk", targets: ["UcsSdk"]),
    ],
    targets: [
        .systemLibrary(name: "ucs_modelsFFI", path: "Sources/ucs_modelsFFI"),
        .systemLibrary(name: "ucs_uniffiFFI", path: "Sources/ucs_uniffiFFI"),
        .target(
            name: "UcsSdk",
            dependencies: ["ucs_modelsFFI", "ucs_uniffiFFI"],
            linkerSettings: [
                .unsafeFlags(["-L", nativeLibrary, "-Xlinker", "-rpath", "-Xlinker", nativeLibrary]),
            ]
        ),
        .testTarget(
            name: "UcsSdkTests",
            dependencies: ["UcsSdk"],
            // tests/cases/operations, copied in by `scripts/package.sh swift`.
            resources: [.copy("cases")]
        ),
    ]
)
