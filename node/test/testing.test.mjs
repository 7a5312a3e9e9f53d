// ucs-sdk/testing (the helper users get for their own tests) and the addon loader's packaging.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { NotFoundError } from 'ucs-sdk';
import * as testing from 'ucs-sdk/testing';

const require = createRequire(import.meta.url);
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ucsBin = process.env.UCS_BIN || path.join(here, '..', 'target', 'debug', 'ucs');

function gone(pid) {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return e.code === 'ESRCH';
  }
}

function withEnv(name, value, fn) {
  const saved = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
}

// The node:test form of useEmulator: one emulator for the file, reset before each test.
const shared = testing.useEmulator({ before, after, beforeEach }, { binary: ucsBin });

test('require and import give the same helpers', () => {
  const cjs = require('ucs-sdk/testing');
  assert.equal(cjs.startEmulator, testing.startEmulator);
  assert.equal(cjs.EmulatorError, testing.EmulatorError);
});

test('useEmulator: a client on the shared emulator, reset before each test (1)', async () => {
  await shared.client.fleets.register({ metadata: { name: 'first' } });
  assert.deepEqual((await shared.client.fleets.list()).items.map((f) => f.metadata.name), ['first']);
});

test('useEmulator: a client on the shared emulator, reset before each test (2)', async () => {
  assert.deepEqual((await shared.client.fleets.list()).items, []);
  assert.match(shared.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('startEmulator: client, endpoint, errors, stop() ends the process', async () => {
  const emu = await testing.startEmulator({ binary: ucsBin });
  const { uid } = await emu.client.fleets.register({ metadata: { name: 'prod' } });
  assert.equal((await emu.client.fleets.get(uid)).metadata.name, 'prod');
  await assert.rejects(emu.client.clusters.get('00000000-0000-0000-0000-000000000000'), NotFoundError);
  assert.equal(emu.createClient({ maxRetries: 0 }) === emu.client, false);
  assert.ok(!inspect(emu).includes(emu.credentials.sk), inspect(emu));
  await emu.stop();
  assert.ok(gone(emu.pid), 'the emulator outlived stop()');
  await emu.stop(); // twice is harmless
});

test('Symbol.asyncDispose stops the emulator (what `await using` calls)', async () => {
  const emu = await testing.startEmulator({ binary: ucsBin, args: ['--quota', '5'] });
  await emu.reset();
  await emu[Symbol.asyncDispose]();
  assert.ok(gone(emu.pid));
});

test('Jest-style hooks (beforeAll/afterAll) are accepted', async () => {
  const hooks = {};
  const record = (name) => (fn) => {
    hooks[name] = fn;
  };
  const emu = testing.useEmulator(
    { beforeAll: record('beforeAll'), afterAll: record('afterAll'), beforeEach: record('beforeEach') },
    { binary: ucsBin },
  );
  assert.throws(() => emu.client, testing.EmulatorError);
  await hooks.beforeAll();
  await hooks.beforeEach();
  assert.deepEqual((await emu.client.clusters.list()).items, []);
  const pid = emu.pid;
  await hooks.afterAll();
  assert.ok(gone(pid));
  assert.throws(() => testing.useEmulator({}), /hooks: pass/);
});

test('binary(): UCS_BIN, else a clear error naming the platform package', () => {
  withEnv('UCS_BIN', ucsBin, () => assert.equal(testing.binary(), ucsBin));
  withEnv('UCS_BIN', '/nonexistent/ucs', () => assert.throws(() => testing.binary(), /UCS_BIN=\/nonexistent\/ucs is not an executable/));
  // In a clone no platform package is installed.
  withEnv('UCS_BIN', undefined, () =>
    assert.throws(() => testing.binary(), (e) => e instanceof testing.EmulatorError && /ucs-sdk-linux-x64-gnu/.test(e.message)),
  );
});

test('startEmulator: a binary that exits at once is an EmulatorError', async () => {
  await assert.rejects(testing.startEmulator({ binary: '/bin/false' }), (e) =>
    e instanceof testing.EmulatorError && /exited \(1\) before it listened/.test(e.message),
  );
  await assert.rejects(testing.startEmulator({ args: '--quota 1' }), /args: must be an array/);
});

test('without a platform package or a local build, loading names both ways out', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ucs-sdk-noaddon-'));
  try {
    cpSync(path.join(here, 'lib'), path.join(dir, 'lib'), { recursive: true });
    const result = spawnSync(process.execPath, ['-e', "require('./lib/index.cjs')"], { cwd: dir, encoding: 'utf8' });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /platform package ucs-sdk-linux-x64-gnu is not installed/);
    assert.match(result.stderr, /cd node && npm install && npm run build/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the platform package matches the main package (version, addon name, os/cpu/libc)', () => {
  const main = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
  const platform = JSON.parse(readFileSync(path.join(here, 'npm', 'linux-x64-gnu', 'package.json'), 'utf8'));
  assert.equal(platform.name, 'ucs-sdk-linux-x64-gnu');
  assert.equal(platform.version, main.version);
  assert.equal(platform.main, `${main.napi.binaryName}.linux-x64-gnu.node`);
  assert.deepEqual([platform.os, platform.cpu, platform.libc], [['linux'], ['x64'], ['glibc']]);
  assert.deepEqual(platform.files.sort(), [platform.main, 'bin/ucs'].sort());
  assert.equal(main.scripts.install, undefined, 'an install hook would need Rust on the consumer machine');
  assert.ok(!main.files.some((f) => f.startsWith('native')), 'the addon belongs in the platform package');
});
