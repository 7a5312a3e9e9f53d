// Node rows of bench/RESULTS.md: ucs-sdk vs fetch + JSON.parse by hand, against one emulator.
//   node bench/node_bench.mjs BASE CREDENTIALS_JSON CLUSTER_ID
import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { Client } = createRequire(import.meta.url)(path.join(here, '..', 'node'));
const [base, credsText, cid] = process.argv.slice(2);
const creds = JSON.parse(credsText);
const RUNS = { get: 2000, list50: 300, list500: 60 };
const CONCURRENT = 64;
const CONCURRENT_CALLS = 6400;

const emit = (row) => console.log(JSON.stringify({ lang: 'node', ...row }));

async function latencies(client, calls) {
  for (const [op, call] of Object.entries(calls)) {
    const runs = RUNS[op];
    for (let i = 0; i <= runs / 10; i++) await call();
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      await call();
      times.push(Number(process.hrtime.bigint() - t) / 1e3);
    }
    times.sort((a, b) => a - b);
    emit({ client, op, median_us: times[times.length >> 1], p90_us: times[Math.floor(times.length * 0.9)], runs });
  }
}

async function concurrent(client, call) {
  const worker = async (n) => {
    for (let i = 0; i < n; i++) await call();
  };
  await Promise.all(Array.from({ length: CONCURRENT }, () => worker(1)));
  const t = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENT }, () => worker(CONCURRENT_CALLS / CONCURRENT)));
  const secs = Number(process.hrtime.bigint() - t) / 1e9;
  emit({ client, op: 'concurrent64', calls_per_sec: CONCURRENT_CALLS / secs });
}

// A GET signed once by hand (SDK-HMAC-SHA256), as a user without an SDK would.
function presign(route, query = []) {
  const url = new URL(base);
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const headers = { host: url.host, 'x-domain-id': creds.domain_id, 'x-sdk-date': date };
  const queryText = query.map(([k, v]) => `${k}=${v}`).sort().join('&');
  const names = Object.keys(headers).sort();
  const canonical = ['GET', route.replace(/\/?$/, '/'), queryText, names.map((n) => `${n}:${headers[n]}\n`).join(''),
    names.join(';'), createHash('sha256').update('').digest('hex')].join('\n');
  const toSign = `SDK-HMAC-SHA256\n${date}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = createHmac('sha256', creds.sk).update(toSign).digest('hex');
  delete headers.host;
  headers.authorization = `SDK-HMAC-SHA256 Access=${creds.ak}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return [`${base}${route}${queryText ? `?${queryText}` : ''}`, headers];
}

const ours = new Client({ endpoint: base, ak: creds.ak, sk: creds.sk, domainId: creds.domain_id });
await latencies('ucs-sdk', {
  get: () => ours.clusters.get(cid),
  list50: () => ours.clusters.list({ limit: 50 }),
  list500: () => ours.clusters.list({ limit: 500 }),
});
await concurrent('ucs-sdk', () => ours.clusters.get(cid));

const signed = {
  get: presign(`/v1/clusters/${cid}`),
  list50: presign('/v1/clusters', [['limit', '50']]),
  list500: presign('/v1/clusters', [['limit', '500']]),
};
const byHand = async (op) => {
  const [url, headers] = signed[op];
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return JSON.parse(await response.text());
};
await latencies('fetch', { get: () => byHand('get'), list50: () => byHand('list50'), list500: () => byHand('list500') });
await concurrent('fetch', () => byHand('get'));

// JSON.parse of the same bodies alone: with the loopback limit, the least any Node client can pay
// (bench/RESULTS.md, "Where the time of a list of 500 clusters goes").
const bodies = {};
for (const op of ['list50', 'list500']) {
  const [url, headers] = signed[op];
  bodies[op] = await (await fetch(url, { headers })).text();
}
await latencies('JSON.parse only', { list50: async () => JSON.parse(bodies.list50), list500: async () => JSON.parse(bodies.list500) });
