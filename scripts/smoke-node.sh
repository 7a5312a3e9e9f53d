#!/usr/bin/env bash
# Node artifacts in a fresh folder: the two `npm pack` tarballs (built with the dev profile, for
# CI's time) are installed offline into an empty folder with cargo and rustup off PATH, and
# node/scripts/smoke.{cjs,mjs} run there: the addon and the `ucs` binary from the platform
# package, ucs-sdk/testing's emulator, a few operations and error classes; then the README's
# testing example under node --test.
. "$(dirname "$0")/smoke-common.sh"
work="$(smoke_work node)"
mkdir -p "$work/app"
echo "smoke: building the npm tarballs (dev profile)" >&2
PROFILE=dev DIST="$work/dist" bash scripts/package.sh node
version="$(node -p 'require("./node/package.json").version')"
cp node/scripts/smoke.cjs node/scripts/smoke.mjs "$work/app/"
# The README's testing example (the ```js block after `<!-- smoke -->`), run by node --test.
awk '/<!-- smoke -->/ { found = 1; next } found && /^```js/ { on = 1; next } on && /^```/ { exit }
    on { print }' node/README.md > "$work/app/readme.test.mjs"
if [ ! -s "$work/app/readme.test.mjs" ]; then
    echo "smoke: no \`\`\`js block after <!-- smoke --> in node/README.md" >&2
    exit 1
fi

(
    export PATH="$no_rust_path"
    unset UCS_BIN
    assert_no_rust
    cd "$work/app"
    printf '{ "name": "ucs-sdk-smoke", "private": true }\n' > package.json
    # Offline, with an empty cache: everything comes from the two tarballs. The platform package
    # is named explicitly, and satisfies ucs-sdk's optional dependency on it.
    npm install --offline --cache "$work/npm-cache" --no-audit --no-fund --loglevel=error \
        "$work/dist/node/ucs-sdk-linux-x64-gnu-$version.tgz" "$work/dist/node/ucs-sdk-$version.tgz"
    if [ -e node_modules/ucs-sdk/native ]; then
        echo "smoke: the main package carries an addon of its own" >&2
        exit 1
    fi
    node smoke.cjs
    node smoke.mjs
    node --test --test-reporter=dot readme.test.mjs
)
