'use strict';
// Finds the native addon, the way napi-rs' generated loaders do: the platform package npm
// installs as an optional dependency (`ucs-sdk-linux-x64-gnu`, ...), else native/ucs-sdk.node
// built in a clone of the repository (`npm run build`).

const { existsSync } = require('node:fs');
const path = require('node:path');

function isMusl() {
  // glibc names its version in the process report; musl does not. The report takes ~15 ms,
  // so loading tries both Linux packages instead and only error messages ask.
  process.report.excludeNetwork = true;
  return !process.report.getReport().header.glibcVersionRuntime;
}

function name(abi) {
  return `ucs-sdk-${process.platform}-${process.arch}${abi}`;
}

/** The platform package's name for this process: ucs-sdk-<platform>-<arch>[-gnu|-musl|-msvc]. */
function platformPackage() {
  if (process.platform === 'linux') return name(isMusl() ? '-musl' : '-gnu');
  return name(process.platform === 'win32' ? '-msvc' : '');
}

// npm installs only the package whose os, cpu and libc match, so trying each is enough.
function candidates() {
  if (process.platform === 'linux') return [name('-gnu'), name('-musl')];
  return [name(process.platform === 'win32' ? '-msvc' : '')];
}

const LOCAL = path.join(__dirname, '..', 'native', 'ucs-sdk.node');
const SOURCE_BUILD = 'cd node && npm install && npm run build';

function load() {
  let failure;
  for (const candidate of candidates()) {
    try {
      return { native: require(candidate), from: candidate };
    } catch (e) {
      // Not installed is expected in a clone; any other error (a bad .node) is worth reporting.
      const missing = e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(`'${candidate}'`);
      if (!missing) failure ??= e;
    }
  }
  if (existsSync(LOCAL)) return { native: require(LOCAL), from: LOCAL };
  const expected = platformPackage();
  const why = failure
    ? `the platform package ${expected} did not load (${failure.message})`
    : `the platform package ${expected} is not installed`;
  const error = new Error(
    `ucs-sdk: no native addon for ${process.platform}-${process.arch}: ${why}. ` +
      `Install ${expected} next to ucs-sdk (npm adds it as an optional dependency unless optional ` +
      `dependencies are omitted), or build the addon from source in a clone of the repository ` +
      `with \`${SOURCE_BUILD}\` (needs a Rust toolchain).`,
  );
  error.code = 'UCS_NO_NATIVE_ADDON';
  if (failure) error.cause = failure;
  throw error;
}

const { native, from } = load();

module.exports = { native, from, platformPackage, candidates };
