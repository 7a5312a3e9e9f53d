'use strict';
// Resource groups built from the addon's operation catalogue: one camelCase method per
// operation, arguments in the order ids..., body, query, options.

const { invalid, fromNative } = require('./errors.cjs');
const { run } = require('./calls.cjs');

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

function checkId(name, value) {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalid(camel(name), `must be a non-empty string (got ${value === '' ? "''" : typeof value})`);
  }
}

function checkObject(name, value, required) {
  if (value === undefined || value === null) {
    if (required) throw invalid(name, 'is required');
    return null;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(name, `must be an object (got ${Array.isArray(value) ? 'an array' : typeof value})`);
  }
  return value;
}

function checkArray(name, value) {
  if (!Array.isArray(value)) throw invalid(name, `must be an array (got ${value === null ? 'null' : typeof value})`);
  return value;
}

function checkOptions(value) {
  const options = checkObject('options', value, false) ?? {};
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw invalid('options.signal', 'must be an AbortSignal');
  }
  return options;
}

function operation(native, resource, op) {
  return async (...args) => {
    const ids = args.slice(0, op.ids.length);
    op.ids.forEach((name, i) => checkId(name, ids[i]));
    let k = op.ids.length;
    // A body typed `X[]` (record sets) is a JSON array; every other body an object.
    const body = op.body ? (op.body.endsWith('[]') ? checkArray('body', args[k++]) : checkObject('body', args[k++], true)) : null;
    const query = op.query ? checkObject('query', args[k++], false) : null;
    const { signal } = checkOptions(args[k]);
    const text = await run(signal, (id) => native.call(id, resource, op.name, ids, body, query), (id) => native.cancel(id));
    // The addon answers JSON text: V8's JSON.parse builds the objects faster than N-API can.
    return JSON.parse(text);
  };
}

async function* iterate(native, resource, query, options) {
  const q = checkObject('query', query, false);
  const { signal } = checkOptions(options);
  let pager;
  try {
    pager = native.pages(resource, q);
  } catch (e) {
    throw fromNative(e);
  }
  for (;;) {
    const page = await run(signal, (id) => pager.nextPage(id), (id) => native.cancel(id));
    if (page === null) return;
    yield* JSON.parse(page);
  }
}

async function waitFederation(native, fleetId, options) {
  checkId('fleet_id', fleetId);
  return waitFor(native, (timeoutMs) => native.wait('federation', fleetId, timeoutMs), 'fleetId', options);
}

async function waitPolicyJob(native, jobId, options) {
  checkId('job_id', jobId);
  return waitFor(native, (timeoutMs) => native.wait('policy_job', jobId, timeoutMs), 'jobId', options);
}

/** Runs a native waiter (`start(timeoutMs)`), reporting its events, answering its final job. */
async function waitFor(native, start, idName, options) {
  const { signal, timeoutMs, onProgress } = checkOptions(options);
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs >= 0))) {
    throw invalid('timeoutMs', 'must be a number of milliseconds, 0 or more');
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw invalid('onProgress', 'must be a function');
  }
  if (signal?.aborted) throw signal.reason;
  let wait;
  try {
    wait = start(timeoutMs ?? null);
  } catch (e) {
    throw fromNative(e);
  }
  try {
    for (;;) {
      const message = await run(signal, (id) => wait.next(id), (id) => native.cancel(id));
      if (message === null) throw invalid(idName, 'the wait ended without a result');
      if (message.job !== undefined) return message.job;
      onProgress?.(message.event);
    }
  } finally {
    wait.cancel();
  }
}

/** The resource groups of a client: `{ clusters, fleets, rules, hss, iam }`. */
function resources(native, catalogue) {
  const groups = {};
  for (const op of catalogue) {
    const group = (groups[op.resource] ??= {});
    if (op.name === 'iter') {
      group.iter = (query, options) => iterate(native, op.resource, query, options);
    } else {
      group[camel(op.name)] = operation(native, op.resource, op);
    }
  }
  groups.fleets.waitFederation = (fleetId, options) => waitFederation(native, fleetId, options);
  if (groups.policies) groups.policies.waitJob = (jobId, options) => waitPolicyJob(native, jobId, options);
  for (const name of Object.keys(groups)) Object.freeze(groups[name]);
  return groups;
}

module.exports = { resources, camel };
