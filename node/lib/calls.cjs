'use strict';
// Running addon calls with an optional AbortSignal: an abort cancels the Rust future and
// rejects at once with the signal's reason.

const { fromNative } = require('./errors.cjs');

let lastId = 0;
function nextId() {
  lastId = lastId >= 0x7fffffff ? 1 : lastId + 1;
  return lastId;
}

/**
 * Runs `start(callId)` (which returns the addon's Promise), mapping its errors to the error
 * classes; with a signal, an abort calls `cancel(callId)` and rejects with `signal.reason`.
 */
async function run(signal, start, cancel) {
  if (signal?.aborted) throw signal.reason;
  const id = signal ? nextId() : 0;
  const call = Promise.resolve()
    .then(() => start(id))
    .catch((e) => {
      throw fromNative(e);
    });
  if (!signal) return call;
  // The call rejects later when aborted; nobody waits for it then.
  call.catch(() => {});
  let onAbort;
  const aborted = new Promise((_, reject) => {
    onAbort = () => {
      cancel(id);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([call, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

module.exports = { run };
