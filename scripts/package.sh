#!/usr/bin/env bash
# Builds the release artifacts into dist/<language>/: one function per artifact; each language
# adds its own. `bash scripts/package.sh [python ...]` (no argument: every artifact).
#   python: the abi3 wheel (CPython 3.9+, the `ucs` binary inside, the manylinux tag that
#           maturin's auditwheel check accepts) and the sdist, in dist/python/.
#   node:   `npm pack` tarballs in dist/node/: ucs-sdk (no install script) and the platform
#           package ucs-sdk-linux-x64-gnu (the .node addon and bin/ucs), its optional dependency.
#   kotlin: the Maven artifacts in dist/kotlin/: the jar (linux-x86-64/libucs_uniffi.so inside,
#           where JNA finds it), its -sources and -javadoc (Dokka) jars and the pom.
#   swift:  the SwiftPM package in dist/swift/: Package.swift, the uniffi-generated sources and C
#           header modules, lib/libucs_uniffi.so, bin/ucs (for UcsEmulator) and the XCTest tests.
#   cli:    dist/cli/: the `ucs` binary, its bash, zsh and fish completions, the man pages (ucs.1
#           and one per subcommand: ucs-clusters-list.1, ...), and
#           ucs-VERSION-linux-x86_64.tar.gz of them.
# PROFILE=dev builds the same artifacts quickly and DIST=dir writes them elsewhere
# (scripts/smoke-{python,node,kotlin,swift,cli}.sh do both; swift/run-tests.sh tests the Swift one).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
profile="${PROFILE:-release}"
dist="${DIST:-$root/dist}"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
profile_dir="$profile"
[ "$profile" = dev ] && profile_dir=debug

# shellcheck source=scripts/tool-venv.sh
. "$root/scripts/tool-venv.sh"

# The highest glibc symbol version an ELF file needs, e.g. 2.34.
max_glibc() {
    objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1
}

package_python() {
    local out="$dist/python" venv bin_dir tag wheel need
    venv="$(tool_venv package-tools maturin 'maturin==1.16.*')"
    rm -rf "$out"
    mkdir -p "$out"
    # The sdist first, before the binary lands in the source tree (pyproject excludes it too).
    (cd python && "$venv/bin/maturin" sdist --out "$out")

    cargo build --quiet --profile "$profile" -p ucs-cli
    bin_dir="$root/python/ucs_sdk/_bin"
    rm -rf "$bin_dir"
    mkdir -p "$bin_dir"
    trap 'rm -rf "$bin_dir"' RETURN
    cp "$target_dir/$profile_dir/ucs" "$bin_dir/ucs"
    # --auditwheel check: fail rather than ship a wheel whose tag its contents do not meet.
    (cd python && "$venv/bin/maturin" build --quiet --profile "$profile" --auditwheel check --out "$out")

    wheel="$(ls "$out"/*.whl)"
    # maturin audits the extension; the bundled binary must need no newer glibc than the tag.
    tag="$(basename "$wheel" .whl | sed -n 's/.*-manylinux_\([0-9]*\)_\([0-9]*\)_.*/\1.\2/p')"
    need="$(max_glibc "$bin_dir/ucs")"
    if [ -n "$tag" ] && [ "$(printf '%s\n%s\n' "$need" "$tag" | sort -V | tail -1)" != "$tag" ]; then
        echo "package: the ucs binary needs glibc $need, newer than the wheel's tag ($tag)" >&2
        exit 1
    fi
    echo "python: $(basename "$wheel") ($(du -h "$wheel" | cut -f1)), $(basename "$(ls "$out"/*.tar.gz)")" >&2
}

package_node() {
    local out="$dist/node" stage platform_dir version platform_version
    platform_dir="$root/node/npm/linux-x64-gnu"
    version="$(node -p 'require("./node/package.json").version')"
    platform_version="$(node -p 'require("./node/npm/linux-x64-gnu/package.json").version')"
    if [ "$version" != "$platform_version" ]; then
        echo "package: node/npm/linux-x64-gnu is at $platform_version, ucs-sdk at $version" >&2
        exit 1
    fi
    [ -x node/node_modules/.bin/napi ] || (cd node && npm install --no-audit --no-fund --loglevel=error)
    rm -rf "$out"
    mkdir -p "$out" "$target_dir"
    stage="$(mktemp -d "$target_dir/package-node.XXXXXX")"
    trap 'rm -rf "${stage:-}"' RETURN
    mkdir -p "$stage/main" "$stage/platform/bin"

    # The platform package: its manifest, the addon (napi's `[name].linux-x64-gnu.node`), bin/ucs.
    cp "$platform_dir/package.json" "$platform_dir/README.md" "$stage/platform/"
    local napi_profile=(--release)
    [ "$profile" = dev ] && napi_profile=()
    [ "$profile" != dev ] && [ "$profile" != release ] && napi_profile=(--profile "$profile")
    (cd node && node_modules/.bin/napi build --manifest-path ../bindings/node/Cargo.toml --platform --no-js \
        --output-dir "$stage/platform" --dts native.d.ts "${napi_profile[@]}" >/dev/null)
    cargo build --quiet --profile "$profile" -p ucs-cli
    cp "$target_dir/$profile_dir/ucs" "$stage/platform/bin/ucs"

    # The main package: no install script, no addon; the platform package as an optional
    # dependency at the same version, as `napi prepublish` writes it.
    cp -r node/lib node/types node/README.md node/package.json "$stage/main/"
    node -e '
        const fs = require("node:fs");
        const [file, platform] = process.argv.slice(1);
        const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
        delete manifest.scripts;
        delete manifest.devDependencies;
        manifest.optionalDependencies = { [require(platform).name]: manifest.version };
        fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
    ' "$stage/main/package.json" "$stage/platform/package.json"

    (cd "$stage/platform" && npm pack --silent --pack-destination "$out" >/dev/null)
    (cd "$stage/main" && npm pack --silent --pack-destination "$out" >/dev/null)
    for tarball in "$out/ucs-sdk-$version.tgz" "$out/ucs-sdk-linux-x64-gnu-$version.tgz"; do
        [ -f "$tarball" ] || { echo "package: npm pack wrote no $tarball" >&2; exit 1; }
        echo "node: $(basename "$tarball") ($(du -h "$tarball" | cut -f1))" >&2
    done
}

package_kotlin() {
    local out="$dist/kotlin" version name listing
    version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' kotlin/pom.xml | head -1)"
    name="ucs-sdk-$version"
    rm -rf "$out" kotlin/target/"$name"*.jar
    mkdir -p "$out"
    # The tests are kotlin/test.sh's (dev profile); -Pdist adds the sources and javadoc jars.
    mvn -q -B -f kotlin/pom.xml -Pdist -DskipTests \
        -Dcargo.profile="$profile" -Dcargo.profile.dir="$profile_dir" package
    for jar in "$name.jar" "$name-sources.jar" "$name-javadoc.jar"; do
        cp "kotlin/target/$jar" "$out/$jar"
    done
    cp kotlin/pom.xml "$out/$name.pom"
    # The listing first: grep -q closing the pipe early would fail the pipeline (pipefail).
    listing="$(unzip -Z1 "$out/$name.jar")"
    if ! grep -qx 'linux-x86-64/libucs_uniffi\.so' <<<"$listing"; then
        echo "package: $name.jar has no linux-x86-64/libucs_uniffi.so" >&2
        exit 1
    fi
    echo "kotlin: $name.jar ($(du -h "$out/$name.jar" | cut -f1)), -sources.jar, -javadoc.jar, .pom" >&2
}

package_swift() {
    local out="$dist/swift" lib="$target_dir/$profile_dir/libucs_uniffi.so" gen
    cargo build --quiet --profile "$profile" -p ucs-sdk-uniffi -p ucs-cli
    rm -rf "$out"
    mkdir -p "$out/lib" "$out/bin"
    cp swift/Package.swift swift/README.md "$out/"
    cp -r swift/Sources swift/Tests "$out/"
    # The bindings come from the library itself (uniffi's metadata), as kotlin/pom.xml does;
    # uniffi-bindgen is a build tool, so its own (dev) build serves every profile.
    gen="$(mktemp -d "$target_dir/package-swift.XXXXXX")"
    trap 'rm -rf "${gen:-}"' RETURN
    cargo run --quiet -p ucs-sdk-uniffi --bin uniffi-bindgen -- generate --no-format \
        --library "$lib" --language swift --config bindings/uniffi/uniffi.toml --out-dir "$gen" >/dev/null
    python3 swift/patch-cancellation.py "$gen/ucs_uniffi.swift" >/dev/null
    python3 swift/patch-readers.py "$gen/ucs_models.swift" "$gen/ucs_uniffi.swift"
    cp "$gen/ucs_models.swift" "$gen/ucs_uniffi.swift" "$out/Sources/UcsSdk/"
    # uniffi's own modulemaps name Darwin; the package's (swift/Sources/*FFI) declare the same
    # modules for every platform, next to the generated headers.
    cp "$gen/ucs_modelsFFI.h" "$out/Sources/ucs_modelsFFI/"
    cp "$gen/ucs_uniffiFFI.h" "$out/Sources/ucs_uniffiFFI/"
    cp "$lib" "$out/lib/"
    cp "$target_dir/$profile_dir/ucs" "$out/bin/ucs"
    # The shared cases are the test target's resource.
    cp -r tests/cases/operations "$out/Tests/UcsSdkTests/cases"
    echo "swift: $out ($(du -sh "$out" | cut -f1): Package.swift, Sources, lib/libucs_uniffi.so, bin/ucs, Tests)" >&2
}

package_cli() {
    local out="$dist/cli" version name stage bin="$target_dir/$profile_dir/ucs"
    cargo build --quiet --profile "$profile" -p ucs-cli
    version="$("$bin" --version | awk '{print $2}')"
    name="ucs-$version-linux-x86_64"
    rm -rf "$out"
    stage="$out/$name"
    mkdir -p "$stage/bin" "$stage/completions" "$stage/man/man1"
    cp "$bin" "$stage/bin/ucs"
    "$bin" completions bash > "$stage/completions/ucs.bash"
    "$bin" completions zsh > "$stage/completions/_ucs"
    "$bin" completions fish > "$stage/completions/ucs.fish"
    # ucs.1 and a page per subcommand (ucs-clusters.1, ucs-clusters-list.1, ...), as git ships.
    "$bin" man --dir "$stage/man/man1"
    cp README.md LICENSE-APACHE LICENSE-MIT "$stage/"
    # The same layout unpacked (dist/cli/NAME/) and as the archive users download.
    tar -czf "$out/$name.tar.gz" -C "$out" "$name"
    echo "cli: $name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1)): bin/ucs, completions (bash, zsh, fish), man/man1/ ($(ls "$stage/man/man1" | wc -l) pages)" >&2
}

artifacts=("$@")
[ ${#artifacts[@]} -eq 0 ] && artifacts=(python node kotlin swift cli)
for artifact in "${artifacts[@]}"; do
    case "$artifact" in
        python) package_python ;;
        node) package_node ;;
        kotlin) package_kotlin ;;
        swift) package_swift ;;
        cli) package_cli ;;
        *) echo "package: unknown artifact '$artifact' (known: python, node, kotlin, swift, cli)" >&2; exit 2 ;;
    esac
done
