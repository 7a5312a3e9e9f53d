// The tests' emulator: ucs-sdk/testing's startEmulator (the helper users get), run on UCS_BIN,
// by default the workspace's debug build.
import { after, before, beforeEach } from 'node:test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startEmulator as start } from 'ucs-sdk/testing';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function startEmulator(extraArgs = []) {
  return start({ args: extraArgs, binary: process.env.UCS_BIN || path.join(root, 'target', 'debug', 'ucs') });
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
