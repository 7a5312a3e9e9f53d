#!/usr/bin/env bash
# Builds the release artifacts into dist/<language>/: one function per artifact; each language
# adds its own. `bash scripts/package.sh [python ...]` (no argument: every artifact).
#   python: the abi3 wheel (CPython 3.9+, the `ucs` binary inside, the manylinux tag that
#           maturin's auditwheel check accepts) and the sdist, in dist/python/.
# PROFILE=dev builds the same artifacts quickly and DIST=dir writes them elsewhere
# (scripts/smoke-python.sh does both).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
profile="${PROFILE:-release}"
dist="${DIST:-$root/dist}"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
profile_dir="$profile"
[ "$profile" = dev ] && profile_dir=debug

# A virtualenv holding the pinned build tools (maturin), made once per target folder.
build_venv() {
    local venv="$target_dir/venvs/package-tools"
    if [ ! -x "$venv/bin/maturin" ]; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --upgrade pip
        "$venv/bin/pip" install --quiet 'maturin==1.16.*'
    fi
    echo "$venv"
}

# The highest glibc symbol version an ELF file needs, e.g. 2.34.
max_glibc() {
    objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1
}

package_python() {
    local out="$dist/python" venv bin_dir tag wheel need
    venv="$(build_venv)"
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

artifacts=("$@")
[ ${#artifacts[@]} -eq 0 ] && artifacts=(python)
for artifact in "${artifacts[@]}"; do
    case "$artifact" in
        python) package_python ;;
        *) echo "package: unknown artifact '$artifact' (known: python)" >&2; exit 2 ;;
    esac
done
