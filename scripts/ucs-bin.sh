# Sourced by the language test scripts: exports UCS_BIN, building the `ucs` binary (the emulator
# every test suite starts) unless UCS_BIN already names one. Expects `repo` to be set.
if [ -z "${UCS_BIN:-}" ]; then
    cargo build --quiet -p ucs-cli
    export UCS_BIN="${CARGO_TARGET_DIR:-$repo/target}/debug/ucs"
fi
