// What the shared cases (shared-cases.test.mjs) cannot express: access info, the waiter, fromEnv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, FederationFailedError, NotFoundError } from 'ucs-sdk';
import { attached, useEmulator } from './emulator.mjs';

const ctx = useEmulator((emu) => new Client(emu.options()));

// The step-by-step "every operation" scenarios are the shared cases (shared-cases.test.mjs);
// here what they cannot express: answers that differ call to call, the waiter, request ids.

test('access info answers once; a missing cluster keeps its request id', async () => {
  const { clusters } = ctx.client;
  const { uid } = await clusters.register(attached('alpha'));
  const first = await clusters.accessInfo(uid);
  assert.ok(first.length > 0 && typeof first[0] === 'string');
  assert.notDeepEqual(await clusters.accessInfo(uid, {}), first, 'access info answers once');
  await clusters.delete(uid);
  await assert.rejects(clusters.get(uid), (e) => e instanceof NotFoundError && e.statusCode === 404 && Boolean(e.requestId));
});

test('waitFederation reports every sub-job', async () => {
  const { fleets } = ctx.client;
  const fleet = (await fleets.register({ metadata: { name: 'fleet1' } })).uid;
  await fleets.enableFederation(fleet);
  const events = [];
  const job = await fleets.waitFederation(fleet, { timeoutMs: 60_000, onProgress: (e) => events.push(e) });
  assert.equal(job.status.phase, 'Success');
  for (const sub of ['CreateNode', 'CreateCert', 'InstallFederationChart', 'CreateNetworkResource']) {
    assert.ok(events.some((e) => e.is_sub_job && e.job === sub && e.phase === 'Success'), `no Success for ${sub}`);
  }
});

test('a failed federation names its sub-job', async () => {
  const fleet = (await ctx.client.fleets.register({ metadata: { name: 'doomed' } })).uid;
  await ctx.emu.control('PUT', 'faults', { federation_failure: 'CreateCert' });
  await ctx.client.fleets.enableFederation(fleet);
  await assert.rejects(ctx.client.fleets.waitFederation(fleet), (e) => e instanceof FederationFailedError && e.subJob === 'CreateCert');
});

test('waitFederation stops on abort', async () => {
  const fleet = (await ctx.client.fleets.register({ metadata: { name: 'slow' } })).uid;
  await ctx.client.fleets.enableFederation(fleet);
  // Hold every progress answer so the wait cannot finish on its own.
  await ctx.emu.control('POST', 'faults/next', [{ latency_ms: 600_000, path_prefix: `/v1/clustergroups/${fleet}/federations/progress`, times: 100 }]);
  const controller = new AbortController();
  const waiting = ctx.client.fleets.waitFederation(fleet, { signal: controller.signal });
  controller.abort();
  await assert.rejects(waiting, (e) => e.name === 'AbortError');
});

test('fromEnv reads the official variables', async () => {
  const saved = { ...process.env };
  try {
    Object.assign(process.env, {
      HUAWEICLOUD_SDK_AK: ctx.emu.credentials.ak,
      HUAWEICLOUD_SDK_SK: ctx.emu.credentials.sk,
      HUAWEICLOUD_SDK_DOMAIN_ID: ctx.emu.credentials.domain_id,
      UCS_ENDPOINT: ctx.emu.baseUrl,
      HUAWEICLOUD_SDK_CREDENTIALS_FILE: '/nonexistent/credentials',
    });
    assert.equal((await Client.fromEnv().rules.list()).total, 0);
  } finally {
    process.env = saved;
  }
});
