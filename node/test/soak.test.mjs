// Fault soak: a few thousand calls against an emulator injecting random 5xx, 429 with
// Retry-After, dropped connections and latency. Its request log then shows that no POST ran
// twice and no retry came before Retry-After; every idempotent call ends, by its deadline, in a
// success or a fault-caused typed error. UCS_SOAK_CALLS raises the call count (default 2000).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiError, Client, ConnectionError, TimeoutError } from 'ucs-sdk';
import { startEmulator } from './emulator.mjs';

const RETRY_AFTER_SECS = 1; // the emulator sends whole seconds
const WORKERS = 16; // sequential callers side by side; each one's calls use paths no other caller uses
const UNITS_PER_CLIENT = 20; // a fresh client per this many units keeps its retry budget far from empty
const DEADLINE_MS = 15_000;
const CREATE_PATH = '/v1/clustergroups';

const faultCaused = (e) =>
  e instanceof TimeoutError ||
  e instanceof ConnectionError ||
  (e instanceof ApiError && (e.statusCode === 429 || e.statusCode >= 500));

// A refusal an earlier fault of the same fleet's unit explains: disabling a federation an enable
// ending in a fault never made (UCS.01080006), or deleting a fleet whose disable a fault stopped,
// so it is still federated (UCS.01080002).
function refusalExplained(o, outcomeOf) {
  const failedByFault = (method, p) => {
    const before = outcomeOf.get(`${method} ${p}`);
    return Boolean(before && before.error && faultCaused(before.error));
  };
  const code = o.error && o.error.errorCode;
  if (o.method !== 'DELETE') return false;
  if (code === 'UCS.01080006' && o.path.endsWith('/federations')) return failedByFault('POST', o.path);
  if (code === 'UCS.01080002') return failedByFault('DELETE', `${o.path}/federations`);
  return false;
}

async function timed(out, method, path, call) {
  const started = performance.now();
  let value = null;
  let error = null;
  try {
    value = await call();
  } catch (e) {
    error = e;
  }
  out.push({ method, path, error, elapsed: performance.now() - started });
  return error ? null : value;
}

// One worker's units, in turn, until it made `calls` calls: each unit has a fleet of its own.
async function worker(emu, w, calls) {
  const out = [];
  const created = [];
  let client;
  for (let unit = 0; out.length < calls; unit++) {
    if (unit % UNITS_PER_CLIENT === 0) client = new Client(emu.options({ maxRetries: 8, timeoutMs: DEADLINE_MS }));
    const fleets = client.fleets;
    const name = `soak-${w}-${unit}`;
    const made = await timed(out, 'POST', CREATE_PATH, () => fleets.register({ metadata: { name } }));
    if (!made) continue;
    created.push(name);
    const id = made.uid;
    const fleet = `${CREATE_PATH}/${id}`;
    await timed(out, 'GET', fleet, () => fleets.get(id));
    await timed(out, 'PUT', `${fleet}/description`, () => fleets.updateDescription(id, { description: `unit ${unit}` }));
    const enable = `${fleet}/federations`;
    await timed(out, 'POST', enable, () => fleets.enableFederation(id));
    const enableError = out.at(-1).error;
    // An enable that ended in a timeout or a lost connection may have run; an error answer means it did not.
    const maybeEnabled = !enableError || !(enableError instanceof ApiError);
    if (!enableError) await timed(out, 'GET', `${enable}/progress`, () => fleets.federationProgress(id));
    // A federated fleet cannot be deleted (UCS.01080002): take the federation down first (the job takes no time here).
    if (maybeEnabled) await timed(out, 'DELETE', enable, () => fleets.disableFederation(id));
    await timed(out, 'DELETE', fleet, () => fleets.delete(id));
  }
  return { out, created };
}

test('fault soak keeps POSTs single and waits for Retry-After', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ucs-soak-'));
  const logFile = path.join(dir, 'requests.jsonl');
  const emu = await startEmulator(['--quota', '100000', '--request-log', logFile]);
  try {
    await emu.control('PUT', 'faults', {
      error_rate: 0.05, throttle_rate: 0.02, retry_after_secs: RETRY_AFTER_SECS, latency_ms: 1, drop_rate: 0.03,
    });
    // A few scripted faults first, so every kind is seen even in a short run.
    await emu.control('POST', 'faults/next', [
      { status: 429, retry_after_secs: RETRY_AFTER_SECS, method: 'GET', times: 3 },
      { drop: true, method: 'POST', times: 3 },
      { drop: true, method: 'DELETE', times: 2 },
      { status: 503, method: 'PUT', times: 2 },
    ]);
    const calls = Number(process.env.UCS_SOAK_CALLS || 2000);
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: WORKERS }, (_, w) => worker(emu, w, Math.floor(calls / WORKERS) + (w < calls % WORKERS ? 1 : 0))),
    );
    const soakSeconds = (performance.now() - started) / 1000;
    const outcomes = results.flatMap((r) => r.out);
    const created = results.flatMap((r) => r.created);
    const entries = (await readFile(logFile, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));

    // Every idempotent call ended by its deadline, in a success or an error the faults explain.
    const idempotent = outcomes.filter((o) => o.method !== 'POST');
    const failed = idempotent.filter((o) => o.error);
    const outcomeOf = new Map(outcomes.filter((o) => o.path !== CREATE_PATH).map((o) => [`${o.method} ${o.path}`, o]));
    const unexplained = failed
      .filter((o) => !faultCaused(o.error) && !refusalExplained(o, outcomeOf))
      .map((o) => `${o.method} ${o.path}: ${o.error}`);
    assert.deepEqual(unexplained, []);
    const slowest = Math.max(0, ...idempotent.map((o) => o.elapsed));

    // No POST executed twice. A fleet creation carries a fresh name, and a second execution
    // would be refused (names are unique): every executed create must have succeeded, once per
    // create the client saw succeed.
    const executed = (e) => e.fault === null;
    const creates = entries.filter((e) => e.method === 'POST' && e.path === CREATE_PATH && executed(e));
    const createsTwice = creates.filter((e) => e.status < 200 || e.status >= 300).length;
    const createsOk = outcomes.filter((o) => o.method === 'POST' && o.path === CREATE_PATH && !o.error).length;
    assert.equal(createsOk, created.length);
    assert.equal(creates.length - createsTwice, createsOk, 'executed fleet creations differ from the successful ones');
    // Enabling federation names its fleet in the path: count executions per call.
    const executions = new Map();
    for (const e of entries) {
      if (e.method === 'POST' && e.path !== CREATE_PATH && executed(e)) executions.set(e.path, (executions.get(e.path) ?? 0) + 1);
    }
    const enables = outcomes.filter((o) => o.method === 'POST' && o.path !== CREATE_PATH);
    const enablesTwice = enables.filter((o) => (executions.get(o.path) ?? 0) > 1).length;
    const notOnce = enables.filter((o) => !o.error && executions.get(o.path) !== 1).map((o) => o.path);
    assert.deepEqual(notOnce, [], 'successful POSTs not executed exactly once');
    const postsTwice = createsTwice + enablesTwice;

    // No retry before Retry-After: every path but the create one belongs to one sequential call,
    // so the request after a 429 on it is that call's retry.
    const byCall = new Map();
    for (const e of entries) {
      if (e.path === CREATE_PATH) continue;
      const key = `${e.method} ${e.path}`;
      if (!byCall.has(key)) byCall.set(key, []);
      byCall.get(key).push(e);
    }
    const early = [];
    let throttledRetries = 0;
    let minGap = Infinity;
    for (const [key, requests] of byCall) {
      requests.sort((a, b) => a.at_ms - b.at_ms);
      for (let i = 0; i + 1 < requests.length; i++) {
        if (requests[i].status !== 429) continue;
        const gap = requests[i + 1].at_ms - (requests[i].at_ms + requests[i].duration_ms);
        throttledRetries++;
        minGap = Math.min(minGap, gap);
        if (gap < RETRY_AFTER_SECS * 1000) early.push(`${key}: ${gap.toFixed(1)} ms`);
      }
    }

    const drops = entries.filter((e) => e.fault === 'drop').length;
    const throttles = entries.filter((e) => e.fault && e.status === 429).length;
    const errors = entries.filter((e) => e.fault && e.status >= 500).length;
    console.log(
      `fault soak (node): calls ${outcomes.length} (${idempotent.length} idempotent, ${outcomes.length - idempotent.length} POST)` +
        ` in ${soakSeconds.toFixed(1)} s, requests ${entries.length}; faults injected ${drops + throttles + errors}` +
        ` (5xx ${errors}, 429 ${throttles}, dropped ${drops}); POSTs executed twice: ${postsTwice};` +
        ` retries before Retry-After: ${early.length} (of ${throttledRetries} retries after a 429,` +
        ` shortest wait ${minGap.toFixed(0)} ms); idempotent calls failed: ${failed.length},` +
        ` slowest ${slowest.toFixed(0)} ms (deadline ${DEADLINE_MS} ms)`,
    );
    assert.equal(postsTwice, 0, 'POSTs executed twice');
    assert.deepEqual(early, [], 'retries before Retry-After');
    assert.ok(drops && throttles && errors && throttledRetries, 'every fault kind must be exercised');
  } finally {
    emu.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
