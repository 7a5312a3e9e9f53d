// Every error class with its fields, from real answers of the emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import {
  ApiError, AuthError, Client, ConflictError, ConnectionError, DecodeError, InvalidArgumentError,
  NotFoundError, ThrottledError, TimeoutError, UcsError,
} from 'ucs-sdk';
import { attached, useEmulator } from './emulator.mjs';

const ctx = useEmulator();

const MISSING = '00000000-0000-0000-0000-000000000000';
const client = (o) => new Client(ctx.emu.options(o));
const apiRequests = async () => (await ctx.emu.control('GET', 'log')).filter((e) => !e.path.startsWith('/_emulator'));

test('not found', async () => {
  const e = await client().clusters.get(MISSING).catch((x) => x);
  assert.ok(e instanceof NotFoundError && e instanceof ApiError && e instanceof UcsError && e instanceof Error);
  assert.equal(e.name, 'NotFoundError');
  assert.equal(e.statusCode, 404);
  assert.equal(e.errorCode, 'UCS.01030001');
  assert.ok(e.errorMessage);
  assert.ok(e.requestId && e.message.includes(e.requestId));
});

test('throttled after the retries', async () => {
  await ctx.emu.control('POST', 'faults/next', [{ status: 429, retry_after_secs: 0, times: 3 }]);
  const e = await client({ maxRetries: 1 }).clusters.list().catch((x) => x);
  assert.ok(e instanceof ThrottledError);
  assert.equal(e.statusCode, 429);
  assert.equal(e.errorCode, 'UCS.01000002');
  assert.equal((await ctx.emu.control('GET', 'faults/next')).length, 1);
});

test('conflict', async () => {
  await ctx.emu.control('POST', 'faults/next', [{ status: 409, error_code: 'UCS.01000009' }]);
  const e = await client({ maxRetries: 0 }).rules.list().catch((x) => x);
  assert.ok(e instanceof ConflictError);
  assert.equal(e.errorCode, 'UCS.01000009');
});

test('auth, without the secret in the message', async () => {
  const e = await client({ sk: 'not-the-secret' }).clusters.list().catch((x) => x);
  assert.ok(e instanceof AuthError);
  assert.ok([401, 403].includes(e.statusCode));
  assert.ok(!`${e.message} ${e.stack}`.includes('not-the-secret'));
});

test('plain API error', async () => {
  await ctx.emu.control('POST', 'faults/next', [{ status: 500 }]);
  const e = await client({ maxRetries: 0 }).clusters.list().catch((x) => x);
  assert.equal(e.constructor, ApiError);
  assert.equal(e.errorCode, 'UCS.01000006');
});

test('timeout', async () => {
  await ctx.emu.control('POST', 'faults/next', [{ latency_ms: 600_000 }]);
  const e = await client({ timeoutMs: 200, maxRetries: 0 }).clusters.list().catch((x) => x);
  assert.ok(e instanceof TimeoutError, String(e));
});

test('connection', async () => {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  const c = new Client({ endpoint: `http://127.0.0.1:${port}`, ak: 'a', sk: 'b', domainId: 'd', maxRetries: 0 });
  await assert.rejects(c.clusters.list(), ConnectionError);
});

test('decode', async () => {
  // The emulator always answers JSON; a server answering garbage plays the broken proxy.
  const server = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'garbage-1' });
    res.end('<html>not json');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const c = new Client({ endpoint: `http://127.0.0.1:${server.address().port}`, ak: 'a', sk: 'b', domainId: 'd', maxRetries: 0 });
    const e = await c.clusters.list().catch((x) => x);
    assert.ok(e instanceof DecodeError);
    assert.equal(e.statusCode, 200);
    assert.equal(e.requestId, 'garbage-1');
  } finally {
    server.close();
  }
});

test('bad input is refused before sending', async () => {
  const c = client();
  const cases = [
    [() => c.clusters.get('not-a-uuid'), 'cluster_id'],
    [() => c.clusters.get(42), 'clusterId'],
    [() => c.clusters.list({ limit: 0 }), 'limit'],
    [() => c.rules.create({ metadata: { name: '' }, spec: { type: 'readonly' } }), 'metadata.name'],
    [() => c.rules.create({ metadata: { name: 5 } }), 'metadata.name'],
    [() => c.rules.create(), 'body'],
    [() => c.clusters.register({ ...attached('x'), spec: { ...attached('x').spec, city: '999999' } }), 'spec.city'],
    [() => c.clusters.list('limit=1'), 'query'],
  ];
  for (const [call, field] of cases) {
    const e = await call().catch((x) => x);
    assert.ok(e instanceof InvalidArgumentError, `${field}: ${e}`);
    assert.equal(e.field, field);
    assert.ok(e.message.includes(field));
  }
  assert.throws(() => new Client({ endpoitn: 'x' }), (e) => e instanceof InvalidArgumentError && e.field === 'endpoitn');
  assert.throws(() => new Client({ ak: 'a' }), (e) => e instanceof InvalidArgumentError && e.field === 'sk');
  assert.deepEqual(await apiRequests(), [], 'a refused call reached the service');
});

test('an answer over maxResponseBytes is a decode error', async () => {
  const small = client({ maxResponseBytes: 64 });
  await small.fleets.register({ metadata: { name: 'capped' } });
  const e = await small.fleets.list().catch((x) => x);
  assert.ok(e instanceof DecodeError, String(e));
  assert.match(e.message, /64/);
});
