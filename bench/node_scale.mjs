// Node scale row of bench/RESULTS.md: every cluster of a big account (10,000) through
// `clusters.iter` (`for await`, pages of 500) must hold memory flat. Prints the resident set
// before iterating (after one warm page), its peak while iterating (VmHWM, reset first) and at
// the end, and the time.
//   node bench/node_scale.mjs BASE CREDENTIALS_JSON [EXPECTED_CLUSTERS]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { Client } = createRequire(import.meta.url)(path.join(here, '..', 'node'));
const [base, credsText, expectText] = process.argv.slice(2);
const creds = JSON.parse(credsText);
const expected = Number(expectText ?? 10000);
const PAGE = 500;

// A field of /proc/self/status in kB (VmRSS, VmHWM).
const statusKb = (field) => {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  if (!line) throw new Error(`/proc/self/status has no ${field}`);
  return Number(line.split(/\s+/)[1]);
};
// Resets VmHWM to the current resident set (Linux: "5" to clear_refs); false when refused.
const resetPeak = () => {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
};

const client = new Client({ endpoint: base, ak: creds.ak, sk: creds.sk, domainId: creds.domain_id });
await client.clusters.list({ limit: PAGE }); // the warm page, dropped at once
const peakReset = resetPeak();
const start = statusKb('VmRSS');
const t = process.hrtime.bigint();
let items = 0;
for await (const _cluster of client.clusters.iter({ limit: PAGE })) items += 1;
const seconds = Number(process.hrtime.bigint() - t) / 1e9;
const [peak, end] = [statusKb('VmHWM'), statusKb('VmRSS')];
if (items !== expected) {
  console.error(`node scale: iterated ${items} clusters, expected ${expected}`);
  process.exit(1);
}
console.log(JSON.stringify({
  lang: 'node', client: 'ucs-sdk', op: 'scale', items, page: PAGE, rss_start_kb: start,
  rss_peak_kb: peak, rss_end_kb: end, peak_reset: peakReset, seconds,
}));
