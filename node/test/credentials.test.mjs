// The official credential and region chain through Client.fromEnv: keys from a profile file's
// [basiccredentials] section, endpoints from HUAWEICLOUD_SDK_REGION_* overrides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'ucs-sdk';
import { useEmulator } from './emulator.mjs';

const ctx = useEmulator((emu) => new Client(emu.options()));

const CLEARED = [
  'HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN', 'HUAWEICLOUD_SDK_DOMAIN_ID',
  'HUAWEICLOUD_SDK_PROJECT_ID', 'HUAWEICLOUD_SDK_IAM_ENDPOINT', 'UCS_ENDPOINT', 'UCS_HSS_ENDPOINT',
  'UCS_IAM_ENDPOINT', 'HUAWEICLOUD_SDK_REGIONS_FILE',
];

/** Runs `fn` with a profile file holding `sk` and the region overrides set, then restores the environment. */
async function withProfile(sk, fn) {
  const dir = await mkdtemp(path.join(tmpdir(), 'ucs-node-creds-'));
  const c = ctx.emu.credentials;
  const file = path.join(dir, 'credentials');
  await writeFile(
    file,
    `[basiccredentials]\nak = ${c.ak}\nsk = ${sk}\nproject_id = ${c.project_id}\n[globalcredentials]\ndomain_id = ${c.domain_id}\n`,
    { mode: 0o600 },
  );
  const set = {
    HUAWEICLOUD_SDK_CREDENTIALS_FILE: file,
    UCS_REGION: 'cn-north-4',
    HUAWEICLOUD_SDK_REGION_UCS_CN_NORTH_4: ctx.emu.baseUrl,
    HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4: ctx.emu.baseUrl,
  };
  const saved = {};
  for (const name of [...CLEARED, ...Object.keys(set)]) saved[name] = process.env[name];
  try {
    for (const name of CLEARED) delete process.env[name];
    Object.assign(process.env, set);
    return await fn();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(dir, { recursive: true, force: true });
  }
}

test('fromEnv signs with the [basiccredentials] profile', async () => {
  await withProfile(ctx.emu.credentials.sk, async () => {
    const client = Client.fromEnv({ maxRetries: 0 });
    assert.equal((await client.rules.list()).total, 0);
    const made = await client.hss.createMulticloudCluster({ name: 'mc', provider: 'tencent', kube_config: 'apiVersion: v1\nkind: Config\n' });
    assert.ok(made.cluster_id);
  });
});

test('fromEnv uses the profile keys, not others', async () => {
  await withProfile('not-the-secret-key', async () => {
    const client = Client.fromEnv({ maxRetries: 0 });
    const e = await client.rules.list().then(() => null, (err) => err);
    assert.ok(e, 'a wrong secret key was accepted');
    assert.equal(e.statusCode, 401);
    assert.ok(!String(e.message).includes('not-the-secret-key'));
  });
});
