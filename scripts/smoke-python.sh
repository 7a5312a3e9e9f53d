#!/usr/bin/env bash
# Python artifacts in fresh environments: the wheel (built with the dev profile, for CI's time)
# goes into a new virtualenv with cargo and rustup off PATH, and runs python/scripts/smoke.py
# against the `ucs` binary it ships: the console script, ucs_sdk.testing's context manager and
# pytest fixture, sync and async clients, the README's testing example. The sdist then builds
# from source in another virtualenv and finds `ucs` through UCS_BIN.
. "$(dirname "$0")/smoke-common.sh"
work="$(smoke_work python)"
echo "smoke: building the wheel and the sdist (dev profile)" >&2
PROFILE=dev DIST="$work/dist" bash scripts/package.sh python
wheel="$(ls "$work"/dist/python/*.whl)"
sdist="$(ls "$work"/dist/python/*.tar.gz)"


python3 -m venv "$work/wheel-venv"
(
    export PATH="$work/wheel-venv/bin:$no_rust_path"
    unset UCS_BIN
    assert_no_rust
    pip install --quiet --upgrade pip
    pip install --quiet "$wheel" 'pytest>=8'
    cd "$work"
    python "$root/python/scripts/smoke.py" --readme "$root/python/README.md" --expect-bundled
)

echo "smoke: the sdist builds from source" >&2
python3 -m venv "$work/sdist-venv"
"$work/sdist-venv/bin/pip" install --quiet --upgrade pip
# Dev profile and the shared target folder: the build reuses the compiled dependencies.
MATURIN_PEP517_ARGS="--profile dev" CARGO_TARGET_DIR="$target_dir" \
    "$work/sdist-venv/bin/pip" install --quiet "$sdist" 'pytest>=8'
cargo build --quiet -p ucs-cli
(cd "$work" && UCS_BIN="$target_dir/debug/ucs" "$work/sdist-venv/bin/python" "$root/python/scripts/smoke.py" \
    --readme "$root/python/README.md")
