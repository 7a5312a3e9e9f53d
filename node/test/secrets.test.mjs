// Secrets never appear in util.inspect, String(), JSON or error messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { Client } from 'ucs-sdk';
import { useEmulator } from './emulator.mjs';

const ctx = useEmulator();

test('a client never shows a secret', () => {
  const secrets = [ctx.emu.credentials.sk, 'hunter2-password', 'tok-secret', 'sts-secret'];
  const clients = [
    new Client(ctx.emu.options()),
    new Client(ctx.emu.options({ securityToken: 'sts-secret' })),
    new Client({ endpoint: ctx.emu.baseUrl, user: 'u', password: 'hunter2-password', domainName: 'acct' }),
    new Client({ endpoint: ctx.emu.baseUrl, token: 'tok-secret' }),
  ];
  for (const c of clients) {
    const text = [inspect(c, { showHidden: true, depth: 10 }), String(c), JSON.stringify(c)].join('\n');
    for (const s of secrets) assert.ok(!text.includes(s), text);
  }
});

test('a bad option names the option, not its secret value', () => {
  assert.throws(() => new Client({ sk: 12345678 }), (e) => e.field === 'sk' && !e.message.includes('12345678'));
});
