// Many calls at once, pagination, cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'ucs-sdk';
import { attached, rule, useEmulator } from './emulator.mjs';

const ctx = useEmulator((emu) => new Client(emu.options()));

test('200 concurrent calls', async () => {
  const made = await Promise.all(Array.from({ length: 50 }, (_, i) => ctx.client.rules.create(rule(`r${i}`))));
  assert.equal(new Set(made.map((m) => m.uid)).size, 50);
  const pages = await Promise.all(Array.from({ length: 200 }, (_, i) => ctx.client.rules.list({ limit: 5, offset: i % 50 })));
  assert.ok(pages.every((p) => p.total === 50));
  assert.equal(pages[0].items.length, 5);
});

test('async iterators walk every page once', async () => {
  for (let i = 0; i < 7; i++) {
    await ctx.client.clusters.register(attached(`page-${i}`));
    await ctx.client.fleets.register({ metadata: { name: `fleet-${i}` } });
  }
  const names = [];
  for await (const c of ctx.client.clusters.iter({ limit: 3 })) names.push(c.metadata.name);
  assert.deepEqual(names.sort(), Array.from({ length: 7 }, (_, i) => `page-${i}`));
  const listCalls = (await ctx.emu.control('GET', 'log')).filter((e) => e.path === '/v1/clusters' && e.method === 'GET');
  assert.ok(listCalls.length >= 3, 'three pages need three requests');
  const fleets = [];
  for await (const f of ctx.client.fleets.iter({ limit: 2 })) fleets.push(f.metadata.name);
  assert.equal(fleets.length, 7);
  // Breaking out early stops fetching.
  for await (const r of ctx.client.rules.iter({ limit: 1 })) assert.fail(`no rules exist, got ${r}`);
});

test('an AbortSignal cancels a call in flight', async () => {
  await ctx.emu.control('POST', 'faults/next', [{ latency_ms: 600_000, path_prefix: '/v1/clustergroups' }]);
  const controller = new AbortController();
  const call = ctx.client.fleets.list({}, { signal: controller.signal });
  controller.abort();
  await assert.rejects(call, (e) => e.name === 'AbortError');
  // An already-aborted signal rejects without sending.
  await assert.rejects(ctx.client.rules.list({}, { signal: AbortSignal.abort() }), (e) => e.name === 'AbortError');
  assert.equal((await ctx.client.rules.list()).total, 0);
});

test('an abort reason is kept', async () => {
  await ctx.emu.control('POST', 'faults/next', [{ latency_ms: 600_000, path_prefix: '/v1/permissions' }]);
  const controller = new AbortController();
  const call = ctx.client.rules.list({}, { signal: controller.signal });
  const reason = new Error('user gave up');
  controller.abort(reason);
  await assert.rejects(call, (e) => e === reason);
});
