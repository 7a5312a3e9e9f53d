#!/usr/bin/env bash
# The API reference of each language, generated from the doc comments, into dist/docs/<language>/.
# The operations' texts are written once, in the operation table (crates/ucs-models/src/
# operations.rs), and reach every language through its generated code.
#   rust:   rustdoc of ucs-sdk and ucs-models, with missing docs as errors (-D missing_docs).
#   python: pdoc of the installed ucs_sdk package (the extension built by pip, as
#           python/scripts/test.sh does) and of ucs_sdk._resources, the classes of client.<group>.
#   node:   TypeDoc over the package's declarations, types/index.d.ts and types/testing.d.ts.
#   kotlin: Dokka's HTML (mvn -Pdist dokka:dokka) of the uniffi bindings, Flows.kt and testing/.
#   Swift has none: the trixie chroot's swiftlang ships no DocC (docs/api-reference.md).
# `bash scripts/docs.sh [--check] [rust python node kotlin]` (no language: all four); --check then
# runs scripts/check-docs.py: every operation of the table documented, with a description, in
# each language written. DIST=dir writes DIR/docs instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
# shellcheck source=scripts/tool-venv.sh
. "$root/scripts/tool-venv.sh"
out="${DIST:-$root/dist}/docs"
check=false
languages=()
for arg in "$@"; do
    case "$arg" in
        --check) check=true ;;
        rust | python | node | kotlin) languages+=("$arg") ;;
        *) echo "docs: unknown argument '$arg' (known: --check, rust, python, node, kotlin)" >&2; exit 2 ;;
    esac
done
[ ${#languages[@]} -eq 0 ] && languages=(rust python node kotlin)

docs_rust() {
    # Only rustdoc sees these flags: the build's own artifacts stay shared with cargo build.
    RUSTDOCFLAGS="-D missing_docs -D rustdoc::broken_intra_doc_links" \
        cargo doc --quiet --no-deps -p ucs-sdk -p ucs-models
    rm -rf "$out/rust"
    mkdir -p "$out/rust"
    # target/doc may hold other crates' pages from other runs: these two and rustdoc's assets.
    local doc="$target_dir/doc" item
    for item in ucs_sdk ucs_models static.files search.index crates.js search-index.js \
        settings.html help.html src src-files.js trait.impl type.impl; do
        [ -e "$doc/$item" ] && cp -r "$doc/$item" "$out/rust/"
    done
    printf '<meta http-equiv="refresh" content="0; url=ucs_sdk/index.html">\n' > "$out/rust/index.html"
}

docs_python() {
    local venv
    venv="$(tool_venv docs pdoc 'pdoc==16.*')"
    # The package as users install it (maturin builds the extension; warm after the tests).
    "$venv/bin/pip" install --quiet --force-reinstall --no-deps ./python
    rm -rf "$out/python"
    # From outside python/, so ucs_sdk is the installed package, extension included.
    (cd "$target_dir" && "$venv/bin/pdoc" --no-show-source --docformat markdown \
        --output-directory "$out/python" ucs_sdk ucs_sdk.types ucs_sdk.karmada ucs_sdk.testing \
        ucs_sdk._resources)
}

docs_node() {
    [ -x node/node_modules/.bin/typedoc ] || (cd node && npm install --no-audit --no-fund --loglevel=error)
    rm -rf "$out/node"
    (cd node && node_modules/.bin/typedoc --logLevel Warn --out "$out/node")
}

docs_kotlin() {
    # generate-sources builds the native library and writes the uniffi bindings Dokka reads.
    mvn -q -B -f kotlin/pom.xml -Pdist generate-sources dokka:dokka
    rm -rf "$out/kotlin"
    cp -r kotlin/target/dokka "$out/kotlin"
}

mkdir -p "$out"
for language in "${languages[@]}"; do
    started=$(date +%s)
    "docs_$language"
    echo "docs: $language in $out/$language ($(( $(date +%s) - started )) s)" >&2
done
if $check; then
    python3 scripts/check-docs.py "$out" "${languages[@]}"
fi
