// Starts a `ucs emulator` process (a real HTTP server) for a test file; UCS_BIN names the
// binary, by default the workspace's debug build.
import { after, before, beforeEach } from 'node:test';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { access, constants } from 'node:fs/promises';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function startEmulator(extraArgs = []) {
  const bin = process.env.UCS_BIN || path.join(root, 'target', 'debug', 'ucs');
  await access(bin, constants.X_OK);
  const child = spawn(bin, ['emulator', '--listen', '127.0.0.1:0', '--federation-seconds', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const baseUrl = (await lines.next()).value.trim().replace(/\/$/, '');
  const credentials = JSON.parse((await lines.next()).value);
  // Keep draining stdout so the emulator never blocks on a full pipe.
  (async () => {
    for await (const _ of lines);
  })();

  async function control(method, route, body) {
    const response = await fetch(`${baseUrl}/_emulator/${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  function options(overrides = {}) {
    return {
      endpoint: baseUrl,
      hssEndpoint: baseUrl,
      iamEndpoint: baseUrl,
      ak: credentials.ak,
      sk: credentials.sk,
      domainId: credentials.domain_id,
      projectId: credentials.project_id,
      ...overrides,
    };
  }

  return {
    baseUrl,
    credentials,
    control,
    options,
    reset: () => control('POST', 'reset'),
    stop: () => child.kill(),
  };
}

/** Registers hooks that start one emulator for the test file and reset it before each test;
 *  the answer's `emu` (and `client`, made by `makeClient(emu)`) are set once it is up. */
export function useEmulator(makeClient) {
  const ctx = {};
  before(async () => {
    ctx.emu = await startEmulator();
    ctx.client = makeClient?.(ctx.emu);
  });
  after(() => ctx.emu.stop());
  beforeEach(() => ctx.emu.reset());
  return ctx;
}

export function attached(name) {
  return {
    metadata: { name },
    spec: {
      category: 'attachedcluster',
      type: 'privatek8s',
      provider: 'privatek8s',
      country: 'CN',
      city: '110000',
      manageType: 'discrete',
    },
  };
}

export const rule = (name, type = 'readonly') => ({ metadata: { name }, spec: { type } });
