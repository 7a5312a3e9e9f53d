// A Rust panic never aborts Node: synchronous exports throw and Promises reject with
// InternalError (a UcsError), and the process and the client keep working. The panics come from
// a hook of the core that fires only for the operation `__panic_for_tests` with
// UCS_SDK_TEST_PANIC=1; the addon is called directly, as the package's own code does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ConnectionError, InternalError, InvalidArgumentError, UcsError } from 'ucs-sdk';

const require = createRequire(import.meta.url);
const native = require('../native/ucs-sdk.node');
const { fromNative } = require('../lib/errors.cjs');

const OFFLINE = { endpoint: 'http://127.0.0.1:9', ak: 'AK', sk: 'SK', domain_id: 'd', max_retries: 0 };
const isInternal = (e) => {
  const error = fromNative(e);
  return error instanceof InternalError && error instanceof UcsError && error.message.includes('__panic_for_tests');
};

test('a panic in an async export rejects with InternalError', async () => {
  process.env.UCS_SDK_TEST_PANIC = '1';
  try {
    const client = new native.NativeClient(OFFLINE);
    for (let i = 0; i < 2; i++) {
      await assert.rejects(client.call(0, 'clusters', '__panic_for_tests', [], null, null), isInternal);
    }
    // A cancellable call (its id registered) panics the same way.
    await assert.rejects(client.call(7, 'clusters', '__panic_for_tests', [], null, null), isInternal);
    // The client still works (and fails as usual, offline).
    await assert.rejects(client.call(0, 'clusters', 'get', ['0b5c7b93-5a33-11ee-a3ff-0255ac100b0a'], null, null), (e) => fromNative(e) instanceof ConnectionError);
  } finally {
    delete process.env.UCS_SDK_TEST_PANIC;
  }
});

test('a panic in a synchronous export throws InternalError', () => {
  process.env.UCS_SDK_TEST_PANIC = '1';
  try {
    const client = new native.NativeClient(OFFLINE);
    assert.throws(() => client.pages('__panic_for_tests', null), isInternal);
    assert.throws(() => client.pages('__panic_for_tests', null), isInternal);
    assert.ok(client.pages('clusters', null));
  } finally {
    delete process.env.UCS_SDK_TEST_PANIC;
  }
});

test('the hook does nothing without its variable', async () => {
  const client = new native.NativeClient(OFFLINE);
  await assert.rejects(client.call(0, 'clusters', '__panic_for_tests', [], null, null), (e) => fromNative(e) instanceof InvalidArgumentError);
  assert.throws(() => client.pages('__panic_for_tests', null), (e) => fromNative(e) instanceof InvalidArgumentError);
});
