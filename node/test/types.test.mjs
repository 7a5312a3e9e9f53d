// The TypeScript declarations compile a typed usage file, and refuse a wrong one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsc = path.join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc');

test('tsc --noEmit passes on the typed usage file', () => {
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', path.join(here, 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('tsc refuses wrong argument types', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ucs-ts-'));
  const file = path.join(dir, 'wrong.ts');
  writeFileSync(file, [
    `import { Client } from ${JSON.stringify(path.join(here, '..', 'types', 'index'))};`,
    'const c = new Client({ endpoint: 1 });',
    'c.clusters.get(42);',
    'c.clusters.list({ limit: "x" });',
    "c.karmada('f', { token: 1 }).deployments().list({ labelSelector: 2 });",
    '',
  ].join('\n'));
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--types', 'node', '--typeRoots', path.join(here, '..', 'node_modules', '@types'), file], { encoding: 'utf8' });
  assert.notEqual(result.status, 0);
  // One error per wrong line: the option, the id, the query field and the Karmada options.
  for (const line of [2, 3, 4, 5]) assert.ok(result.stdout.includes(`wrong.ts(${line},`), result.stdout);
});
