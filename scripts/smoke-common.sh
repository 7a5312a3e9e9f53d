# Sourced by scripts/smoke-*.sh: the repository root, the target folder, a fresh work folder
# for one smoke test, and the PATH a user without a Rust toolchain has.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

# An empty $target_dir/smoke-NAME, printed.
smoke_work() {
    local work="$target_dir/smoke-$1"
    rm -rf "$work"
    mkdir -p "$work"
    echo "$work"
}

# PATH without cargo's and rustup's directories.
no_rust_path="$(printf '%s' "$PATH" | tr ':' '\n' \
    | grep -v -e '\.cargo/bin' -e 'rustup' -e "^${CARGO_HOME:-/nonexistent}/bin\$" | paste -sd: -)"

# Fails when cargo or rustc can still be found (call it after setting PATH to $no_rust_path).
assert_no_rust() {
    unset CARGO_HOME RUSTUP_HOME
    if command -v cargo >/dev/null || command -v rustc >/dev/null; then
        echo "smoke: a Rust toolchain is still on PATH" >&2
        exit 1
    fi
}
