// Smoke scenario for the installed tarballs, as ES modules (scripts/smoke-node.sh copies it into
// a fresh folder): the addon and `ucs` come from the platform package, ucs-sdk/testing starts the
// bundled emulator, a few operations and an error class, then stop.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NotFoundError, version } from 'ucs-sdk';
import { binary, bundledBinary, startEmulator } from 'ucs-sdk/testing';

const require = createRequire(import.meta.url);
const platformDir = path.dirname(require.resolve('ucs-sdk-linux-x64-gnu/package.json'));
assert.equal(bundledBinary(), path.join(platformDir, 'bin', 'ucs'));
assert.equal(binary(), bundledBinary());
assert.ok(!existsSync(path.join(path.dirname(require.resolve('ucs-sdk/package.json')), 'native')), 'main package carries an addon');
assert.equal(version, '0.1.0');

const emu = await startEmulator();
try {
  const { uid } = await emu.client.fleets.register({ metadata: { name: 'smoke-esm' } });
  assert.equal((await emu.client.fleets.get(uid)).metadata.name, 'smoke-esm');
  assert.deepEqual((await emu.client.clusters.list()).items, []);
  await assert.rejects(emu.client.clusters.get('00000000-0000-0000-0000-000000000000'), NotFoundError);
} finally {
  await emu.stop();
}
assert.throws(() => process.kill(emu.pid, 0), { code: 'ESRCH' });
console.log('node smoke (esm): ok');
