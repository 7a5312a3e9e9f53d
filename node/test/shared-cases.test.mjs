// The language-neutral cases of tests/cases/operations (format: its README.md), one test per
// scenario file, each step a call of the real client: client.<group>.<camelName>(...ids, body, query).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, UcsError } from 'ucs-sdk';
import { useEmulator } from './emulator.mjs';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'cases', 'operations');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const ctx = useEmulator((emu) => new Client(emu.options()));
const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const REF = /\$\{(\w+)\}/g;

function lookup(name, saved, unique) {
  if (name === 'unique') return `u${++unique.n}`;
  assert.ok(name in saved, `\${${name}} was never saved`);
  return saved[name];
}

// `${name}` replaced by saved values; a whole-string reference keeps the value's type.
function substitute(value, saved, unique) {
  if (typeof value === 'string') {
    const whole = /^\$\{(\w+)\}$/.exec(value);
    if (whole) return lookup(whole[1], saved, unique);
    return value.replace(REF, (_, name) => String(lookup(name, saved, unique)));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, saved, unique));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, saved, unique)]));
  }
  return value;
}

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const sized = (v) => Array.isArray(v) || typeof v === 'string' || typeOf(v) === 'object';
const size = (v) => (typeOf(v) === 'object' ? Object.keys(v).length : v.length);

// Subset matching: listed keys, `$` operators and every array item must match.
function matches(want, got, at) {
  const fail = () => assert.fail(`at ${at}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  if (typeOf(want) === 'object' && Object.keys(want).some((k) => k.startsWith('$'))) {
    for (const [op, arg] of Object.entries(want)) {
      const ok = {
        $len: () => sized(got) && size(got) === arg,
        $nonempty: () => sized(got) && size(got) > 0 === arg,
        $type: () => typeOf(got) === arg,
        $contains: () => Array.isArray(got) && got.some((item) => {
          try { matches(arg, item, at); return true; } catch { return false; }
        }),
      }[op];
      assert.ok(ok, `unknown operator ${op}`);
      if (!ok()) fail();
    }
  } else if (typeOf(want) === 'object') {
    if (typeOf(got) !== 'object') fail();
    for (const [key, value] of Object.entries(want)) matches(value, got[key] ?? null, `${at}.${key}`);
  } else if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) fail();
    want.forEach((w, i) => matches(w, got[i], `${at}[${i}]`));
  } else if (want !== got) {
    fail();
  }
}

// The value at a dotted path (`items.0.metadata.uid`; `$` is the whole answer).
const atPath = (value, where) => (where === '$' ? value : where.split('.').reduce((v, k) => v?.[k], value));

for (const file of files) {
  test(`shared case ${file}`, async () => {
    const { emu } = ctx;
    const c = emu.credentials;
    const password = new Client({
      endpoint: emu.baseUrl, iamEndpoint: emu.baseUrl, hssEndpoint: emu.baseUrl, region: 'cn-north-4',
      user: c.user, password: c.password, domainName: c.domain_name,
    });
    const saved = { domain_id: c.domain_id, project_id: c.project_id };
    const unique = { n: 0 };
    const steps = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    for (const [i, raw] of steps.entries()) {
      const step = substitute(raw, saved, unique);
      const here = `${file} step ${i} (${raw.call ?? 'emulator'})`;
      if ('emulator' in step) {
        await emu.control(step.method ?? 'POST', step.emulator, step.body ?? {});
        continue;
      }
      const [group, name] = step.call.split('.');
      const who = step.auth === 'password' ? password : ctx.client;
      const args = [...(step.ids ?? [])];
      if ('body' in step) args.push(step.body);
      if ('query' in step) args.push(step.query);
      let got;
      try {
        got = await who[group][camel(name)](...args);
      } catch (e) {
        if (!(e instanceof UcsError) || !step.expect_error) throw new Error(`${here}: failed: ${e}`, { cause: e });
        const { message_contains: text, ...want } = step.expect_error;
        if (text !== undefined) assert.ok(e.message.includes(text), `${here}: ${e.message} lacks ${text}`);
        // Node names its own positional ids in camelCase (`domainId`) where the cases use the
        // core's snake_case name (`domain_id`); wire fields (`clusterGroupID`) are the same.
        const snake = e.field?.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        const field = snake !== undefined && snake === want.field ? want.field : e.field ?? null;
        const info = { kind: e.name.replace(/Error$/, ''), code: e.errorCode ?? null, status: e.statusCode ?? null, field };
        matches(want, info, `${here}: error`);
        continue;
      }
      assert.equal(step.expect_error, undefined, `${here}: expected the error ${JSON.stringify(step.expect_error)}, got ${JSON.stringify(got)}`);
      if ('expect' in step) matches(step.expect, got, `${here}: answer`);
      for (const [key, where] of Object.entries(step.save ?? {})) {
        saved[key] = atPath(got, where);
        assert.notEqual(saved[key] ?? null, null, `${here}: nothing at ${where} in ${JSON.stringify(got)}`);
      }
    }
  });
}
