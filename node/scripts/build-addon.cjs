#!/usr/bin/env node
// Builds the native addon (bindings/node) into native/ucs-sdk.node with @napi-rs/cli; run by
// `npm run build` in this folder (node/scripts/test.sh runs it; installs no longer do, so a
// consumer never needs Rust). UCS_NODE_PROFILE=debug builds without optimisations.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const here = path.resolve(__dirname, '..');
const manifest = path.resolve(here, '..', 'bindings', 'node', 'Cargo.toml');
const napi = path.join(here, 'node_modules', '.bin', process.platform === 'win32' ? 'napi.cmd' : 'napi');
const args = ['build', '--manifest-path', manifest, '--output-dir', 'native', '--dts', 'native.d.ts'];
if (process.env.UCS_NODE_PROFILE !== 'debug') args.push('--release');

const result = spawnSync(napi, args, { cwd: here, stdio: 'inherit' });
if (result.error) {
  console.error(`ucs-sdk: cannot run napi build (${result.error.message}); is @napi-rs/cli installed?`);
  process.exit(1);
}
process.exit(result.status ?? 1);
