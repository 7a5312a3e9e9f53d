// Smoke scenario for the installed tarballs, as CommonJS (see smoke.mjs); the emulator is stopped
// through Symbol.asyncDispose, as `await using` does.
'use strict';
const assert = require('node:assert/strict');
const { ConflictError, InvalidArgumentError } = require('ucs-sdk');
const { startEmulator, bundledBinary } = require('ucs-sdk/testing');

async function main() {
  assert.ok(bundledBinary()?.endsWith('node_modules/ucs-sdk-linux-x64-gnu/bin/ucs'), bundledBinary());
  const emu = await startEmulator();
  try {
    await emu.client.fleets.register({ metadata: { name: 'smoke-cjs' } });
    const names = (await emu.client.fleets.list()).items.map((f) => f.metadata.name);
    assert.deepEqual(names, ['smoke-cjs']);
    await assert.rejects(emu.client.fleets.register({ metadata: { name: 'smoke-cjs' } }), ConflictError);
    await assert.rejects(emu.client.clusters.get(''), InvalidArgumentError);
    assert.ok(!require('node:util').inspect(emu).includes(emu.credentials.sk), 'inspect shows the SK');
  } finally {
    await emu[Symbol.asyncDispose]();
  }
  assert.throws(() => process.kill(emu.pid, 0), { code: 'ESRCH' });
  console.log('node smoke (cjs): ok');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
